<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountFlow</name>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="76"/>
        <source>Signing in to {0}…</source>
        <translation>正在登录 {0}…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="98"/>
        <location filename="../../openkey_gui/ui/account_flow.py" line="310"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="172"/>
        <source>No system keyring was found, so this sign-in cannot be remembered: you will be asked again next time. (On Linux install GNOME Keyring or KWallet.)</source>
        <translation>未找到系统密钥环，无法记住本次登录，下次还需重新登录。（Linux 上请安装 GNOME Keyring 或 KWallet。）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="303"/>
        <source>You are signed out, but the system keyring is locked, so the saved sign-in is still in it. Unlock the keyring; it is removed the next time you sign in without Remember me.</source>
        <translation>你已退出登录，但系统密钥环处于锁定状态，保存的登录信息仍在其中。请解锁密钥环；下次不勾选“记住我”登录时会将其删除。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="309"/>
        <source>Could not sign in to {0} automatically: {1}</source>
        <translation>无法自动登录 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="311"/>
        <source>Sign in…</source>
        <translation>登录…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="317"/>
        <source>Your session has ended: {0}</source>
        <translation>会话已结束：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_flow.py" line="318"/>
        <source>Sign in again…</source>
        <translation>重新登录…</translation>
    </message>
</context>
<context>
    <name>AccountTransfer</name>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="46"/>
        <source>Export accounts</source>
        <translation>导出账户</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="51"/>
        <source>Import accounts</source>
        <translation>导入账户</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="64"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/account_transfer.py" line="67"/>
        <source>Exported %n account(s) to {0}. Passwords and tokens are not in the file.</source>
        <translation>
            <numerusform>已将 %n 个账户导出到 {0}。文件中不含密码和令牌。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="76"/>
        <source>Could not read {0}: {1}</source>
        <translation>无法读取 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="106"/>
        <source>Sign in to {0}</source>
        <translation>登录 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/account_transfer.py" line="109"/>
        <source>Imported %n account(s), signed out: choose one in the Account menu and enter its password to sign in.</source>
        <translation>
            <numerusform>已导入 %n 个账户，均未登录：在“账户”菜单中选择一个并输入其密码即可登录。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="111"/>
        <source>No account was imported: the file lists none the app does not know already.</source>
        <translation>没有导入任何账户：文件中的账户都已存在。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="113"/>
        <source>The file also held {0}; that was not imported (passwords and tokens are never taken from a file).</source>
        <translation>文件中还含有 {0}，这些未被导入（绝不会从文件中读取密码和令牌）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/account_transfer.py" line="116"/>
        <source>%n entry(ies) could not be read and were skipped.</source>
        <translation>
            <numerusform>%n 个条目无法读取，已跳过。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="121"/>
        <source>The file is not valid JSON (line {0}, column {1}).</source>
        <translation>该文件不是有效的 JSON（第 {0} 行，第 {1} 列）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="124"/>
        <source>The file is not an account list exported by OpenKey Desktop.</source>
        <translation>该文件不是 OpenKey Desktop 导出的账户列表。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="126"/>
        <source>The file was written by a newer OpenKey Desktop. Update the app to import it.</source>
        <translation>该文件由更新版本的 OpenKey Desktop 写入。请更新应用后再导入。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="127"/>
        <source>The file is too large to be an account list.</source>
        <translation>该文件太大，不可能是账户列表。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="128"/>
        <source>The file is not text (UTF-8), so it is not an account list.</source>
        <translation>该文件不是文本（UTF-8），因此不是账户列表。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="138"/>
        <source>Account lists (*.json)</source>
        <translation>账户列表 (*.json)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/account_transfer.py" line="138"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>AccountsPane</name>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="98"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="145"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="152"/>
        <source>today {0}</source>
        <translation>今日 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="155"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n 个令牌</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="158"/>
        <source>%n expiring within 3 days</source>
        <translation>
            <numerusform>3 天内到期 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="166"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="168"/>
        <source>Signed out: select it to sign in</source>
        <translation>已退出：选中它即可登录</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="171"/>
        <source>Error: {0}</source>
        <translation>出错：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="173"/>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="174"/>
        <source>OK · refreshed {0}</source>
        <translation>正常 · 已于 {0} 刷新</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="211"/>
        <source>Rename account</source>
        <translation>重命名账户</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="212"/>
        <source>Your name for {0} (empty: the site&apos;s own name):</source>
        <translation>为 {0} 起的名字（留空则用站点自己的名称）：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="223"/>
        <source>Remove account</source>
        <translation>移除账户</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/accounts_pane.py" line="224"/>
        <source>Remove {0}? It is signed out and its saved sign-in is forgotten on this computer; its tokens stay on the site.</source>
        <translation>移除 {0}？它将退出登录，本机保存的登录信息也会删除；它的令牌仍保留在站点上。</translation>
    </message>
</context>
<context>
    <name>AllAccountsSearch</name>
    <message>
        <location filename="../../openkey_gui/ui/all_accounts_search.py" line="112"/>
        <source>All accounts</source>
        <translation>所有账户</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/all_accounts_search.py" line="113"/>
        <source>Search the tokens of every signed-in account, not only this one</source>
        <translation>搜索每个已登录账户的令牌，而不只是当前账户</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../openkey_gui/ui/banner.py" line="51"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>CellTexts</name>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="215"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="216"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="217"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="218"/>
        <source>Remaining</source>
        <translation>剩余额度</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="219"/>
        <source>Used</source>
        <translation>已用额度</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="220"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="221"/>
        <source>Expires</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="222"/>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="223"/>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="226"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="227"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="228"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="229"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="230"/>
        <source>Exhausted</source>
        <translation>已耗尽</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="232"/>
        <source>Unlimited</source>
        <translation>无限额度</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="233"/>
        <source>No quota limit</source>
        <translation>不限额度</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="234"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="235"/>
        <source>Never expires</source>
        <translation>此令牌永不过期</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="236"/>
        <source>Hidden: reveal to show the full key</source>
        <translation>已隐藏：显示后可查看完整密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="238"/>
        <source>{units} units</source>
        <translation>{units} 点</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="240"/>
        <source>K, M</source>
        <translation>万, 亿</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="277"/>
        <source>in less than a minute</source>
        <translation>不到 1 分钟后</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="277"/>
        <source>less than a minute ago</source>
        <translation>不到 1 分钟前</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="280"/>
        <source>in 1 minute</source>
        <translation>1 分钟后</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="280"/>
        <source>in %n minutes</source>
        <translation>
            <numerusform>%n 分钟后</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="282"/>
        <source>in 1 hour</source>
        <translation>1 小时后</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="282"/>
        <source>in %n hours</source>
        <translation>
            <numerusform>%n 小时后</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="284"/>
        <source>in 1 day</source>
        <translation>1 天后</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="284"/>
        <source>in %n days</source>
        <translation>
            <numerusform>%n 天后</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="286"/>
        <source>in 1 month</source>
        <translation>1 个月后</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="286"/>
        <source>in %n months</source>
        <translation>
            <numerusform>%n 个月后</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="287"/>
        <source>in 1 year</source>
        <translation>1 年后</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="287"/>
        <source>in %n years</source>
        <translation>
            <numerusform>%n 年后</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="289"/>
        <source>1 minute ago</source>
        <translation>1 分钟前</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="289"/>
        <source>%n minutes ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="291"/>
        <source>1 hour ago</source>
        <translation>1 小时前</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="291"/>
        <source>%n hours ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="293"/>
        <source>1 day ago</source>
        <translation>1 天前</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="293"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="295"/>
        <source>1 month ago</source>
        <translation>1 个月前</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="295"/>
        <source>%n months ago</source>
        <translation>
            <numerusform>%n 个月前</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_cells.py" line="296"/>
        <source>1 year ago</source>
        <translation>1 年前</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_cells.py" line="296"/>
        <source>%n years ago</source>
        <translation>
            <numerusform>%n 年前</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CopyAsMenu</name>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="45"/>
        <source>shell variables</source>
        <translation>shell 环境变量</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="46"/>
        <source>export ANTHROPIC_BASE_URL and ANTHROPIC_AUTH_TOKEN lines to paste into a terminal before running claude</source>
        <translation>export ANTHROPIC_BASE_URL 和 ANTHROPIC_AUTH_TOKEN 的命令行，运行 claude 前粘贴到终端</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="48"/>
        <source>settings.json env block</source>
        <translation>settings.json 的 env 块</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="49"/>
        <source>The &quot;env&quot; block of ~/.claude/settings.json, so every claude session uses this key</source>
        <translation>~/.claude/settings.json 中的 &quot;env&quot; 块，让每个 claude 会话都使用此密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="50"/>
        <source>config.toml provider (no key)</source>
        <translation>config.toml 提供商配置（不含密钥）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="51"/>
        <source>A [model_providers] table for ~/.codex/config.toml; the key is read from the OPENKEY_API_KEY variable, so it stays out of the file</source>
        <translation>用于 ~/.codex/config.toml 的 [model_providers] 表；密钥从 OPENKEY_API_KEY 环境变量读取，不会写进文件</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="53"/>
        <source>API key variable</source>
        <translation>API 密钥环境变量</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="54"/>
        <source>The export OPENKEY_API_KEY line the Codex config.toml provider reads the key from</source>
        <translation>Codex config.toml 提供商读取密钥所用的 export OPENKEY_API_KEY 命令</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="55"/>
        <source>opencode.json provider</source>
        <translation>opencode.json 提供商配置</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="56"/>
        <source>An OpenAI-compatible provider for opencode.json, with the key and the models</source>
        <translation>用于 opencode.json 的 OpenAI 兼容提供商，包含密钥和模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="57"/>
        <source>link for Claude Code</source>
        <translation>Claude Code 导入链接</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="58"/>
        <source>A ccswitch:// link that adds this site as a Claude Code provider in CC Switch</source>
        <translation>一个 ccswitch:// 链接，在 CC Switch 中把本站添加为 Claude Code 提供商</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="59"/>
        <source>link for Codex</source>
        <translation>Codex 导入链接</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="60"/>
        <source>A ccswitch:// link that adds this site as a Codex provider in CC Switch</source>
        <translation>一个 ccswitch:// 链接，在 CC Switch 中把本站添加为 Codex 提供商</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="61"/>
        <source>link for Gemini CLI</source>
        <translation>Gemini CLI 导入链接</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="62"/>
        <source>A ccswitch:// link that adds this site as a Gemini CLI provider in CC Switch</source>
        <translation>一个 ccswitch:// 链接，在 CC Switch 中把本站添加为 Gemini CLI 提供商</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="63"/>
        <source>import link</source>
        <translation>导入链接</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="64"/>
        <source>A ccr://provider link the Claude Code Router desktop app imports after a preview</source>
        <translation>一个 ccr://provider 链接，Claude Code Router 桌面版预览后即可导入</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="65"/>
        <source>config.json (1.x CLI)</source>
        <translation>config.json（1.x 命令行版）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="66"/>
        <source>Providers and Router entries for ~/.claude-code-router/config.json of the 1.x command-line tool</source>
        <translation>用于 1.x 命令行版 ~/.claude-code-router/config.json 的 Providers 和 Router 条目</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="67"/>
        <source>settings import file</source>
        <translation>设置导入文件</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="68"/>
        <source>JSON for Settings → Import in Roo Code or Kilo Code: an OpenAI-compatible profile with this key</source>
        <translation>用于 Roo Code 或 Kilo Code“设置 → 导入”的 JSON：一个使用此密钥的 OpenAI 兼容配置</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="69"/>
        <source>OpenAI Compatible fields</source>
        <translation>OpenAI Compatible 字段</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="70"/>
        <source>Base URL, API key and model ID to type into Cline&apos;s OpenAI Compatible provider form</source>
        <translation>填入 Cline 的 OpenAI Compatible 提供商表单的 Base URL、API 密钥和模型 ID</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="71"/>
        <source>openai package</source>
        <translation>openai 包</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="72"/>
        <source>A Node.js snippet using the openai package with this key and base URL</source>
        <translation>使用 openai 包、此密钥和基础 URL 的 Node.js 代码片段</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="77"/>
        <source>Coding agents</source>
        <translation>编程助手</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="79"/>
        <source>Coding agents (Claude Code and Codex need the site&apos;s Anthropic and Responses routes; Test key checks for them)</source>
        <translation>编程助手（Claude Code 和 Codex 需要站点提供 Anthropic 与 Responses 接口；“测试密钥”会检查）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="81"/>
        <source>Provider switchers</source>
        <translation>提供商切换工具</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="82"/>
        <source>Editor extensions</source>
        <translation>编辑器扩展</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="99"/>
        <source>Chat apps</source>
        <translation>聊天应用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="101"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="120"/>
        <source>Link for {0}</source>
        <translation>{0} 链接</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/copy_as_menu.py" line="123"/>
        <source>The key is sent to {0} in the link&apos;s address; that site&apos;s server logs will keep it.</source>
        <translation>密钥会出现在链接地址中发送给 {0}，该站点的服务器日志会保留它。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../openkey_gui/ui/crash_dialog.py" line="70"/>
        <source>OpenKey Desktop — something went wrong</source>
        <translation>OpenKey Desktop — 出现了问题</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/crash_dialog.py" line="76"/>
        <source>OpenKey Desktop met an unexpected error. It keeps running, and nothing changed on the site because of it. If the problem comes back, please send the report below: keys and passwords have been removed from it.</source>
        <translation>OpenKey Desktop 遇到了意外错误。程序仍在运行，站点上的数据也没有因此改变。如果问题再次出现，请把下面的报告发给我们：其中的密钥和密码已被移除。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/crash_dialog.py" line="88"/>
        <source>&amp;Copy report</source>
        <translation>复制报告(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/crash_dialog.py" line="103"/>
        <source>OpenKey Desktop — {0} errors</source>
        <translation>OpenKey Desktop — {0} 个错误</translation>
    </message>
</context>
<context>
    <name>DailyCheckin</name>
    <message>
        <location filename="../../openkey_gui/ui/daily_checkin.py" line="65"/>
        <source>{0} does not offer a daily check-in.</source>
        <translation>{0} 没有每日签到。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/daily_checkin.py" line="110"/>
        <source>Check-in on {0} did not happen: {1}</source>
        <translation>在 {0} 签到未成功：{1}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/daily_checkin.py" line="131"/>
        <source>You have already checked in on {0} today.</source>
        <translation>今天已在 {0} 签到过了。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/daily_checkin.py" line="137"/>
        <source>Checked in on {0}: you gained {1} ({2} units).</source>
        <translation>已在 {0} 签到：获得 {1}（{2} 点）。</translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="41"/>
        <source>Signed-in devices — OpenKey Desktop</source>
        <translation>已登录的设备 — OpenKey Desktop</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="50"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="50"/>
        <source>IP address</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="50"/>
        <source>Signed in</source>
        <translation>登录时间</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="50"/>
        <source>Last active</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="51"/>
        <source>Signed in until</source>
        <translation>登录有效期至</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="58"/>
        <source>Sign &amp;out this device</source>
        <translation>退出此设备(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="60"/>
        <source>Sign out &amp;all other devices</source>
        <translation>退出所有其他设备(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="78"/>
        <source>Loading the devices…</source>
        <translation>正在加载设备…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="86"/>
        <source>Unknown device</source>
        <translation>未知设备</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="88"/>
        <source>{0} (this app)</source>
        <translation>{0}（本应用）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="99"/>
        <source>Signed in on {0} other device(s).</source>
        <translation>另有 {0} 台设备已登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="100"/>
        <source>This app is the only device signed in.</source>
        <translation>只有本应用处于登录状态。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="103"/>
        <source>Could not load the devices.</source>
        <translation>无法加载设备列表。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="118"/>
        <source>Signing the device out…</source>
        <translation>正在退出该设备…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="124"/>
        <source>Sign out other devices</source>
        <translation>退出其他设备</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="125"/>
        <source>Sign out every other browser and app on this account? They will have to sign in again.</source>
        <translation>要让此账户在其他所有浏览器和应用中退出登录吗？它们需要重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/devices_dialog.py" line="129"/>
        <source>Signing the other devices out…</source>
        <translation>正在退出其他设备…</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="57"/>
        <source>Unexpected error ({0}). Please try again.</source>
        <translation>意外错误（{0}）。请重试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="70"/>
        <source>No system keyring is available (on Linux, install GNOME Keyring or KWallet).</source>
        <translation>没有可用的系统密钥环（Linux 上请安装 GNOME Keyring 或 KWallet）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="72"/>
        <source>The system keyring is locked. Unlock it and try again.</source>
        <translation>系统密钥环已锁定。请解锁后重试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="73"/>
        <source>The system keyring did not respond as expected just now.</source>
        <translation>系统密钥环刚才没有正常响应。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="77"/>
        <source>This sign-in could not be remembered, so you will be asked again next time. {0}</source>
        <translation>未能记住本次登录，下次仍需重新登录。{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="82"/>
        <source>the site</source>
        <translation>该站点</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="98"/>
        <source>Details: {0}</source>
        <translation>详情：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="99"/>
        <source>The site said: “{0}”</source>
        <translation>站点原话：“{0}”</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="105"/>
        <source>The token “{0}” was not created; it is safe to try again.</source>
        <translation>令牌“{0}”未创建，可以放心重试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="106"/>
        <source>The token “{0}” was not created.</source>
        <translation>令牌“{0}”未创建。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="108"/>
        <source>The earlier attempt to create “{0}” is still unconfirmed, so nothing new was sent.</source>
        <translation>之前创建“{0}”的尝试仍未确认，因此没有发送新的请求。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="110"/>
        <source>Whether the token “{0}” was created is not known yet: after you sign in, the list is checked before anything is sent again.</source>
        <translation>尚不清楚令牌“{0}”是否已创建：登录后会先检查列表，再决定是否重新发送。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="113"/>
        <source>Whether the token “{0}” was created could not be checked. Refresh the list before creating it again (a new attempt checks first, so it will not make a second one).</source>
        <translation>无法确认令牌“{0}”是否已创建。请先刷新列表再重新创建（新的尝试会先检查，不会重复创建）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="116"/>
        <source>The token “{0}” has not appeared in the list, so it was not created; it is safe to try again (a new attempt checks the list once more first).</source>
        <translation>令牌“{0}”没有出现在列表中，因此未创建，可以放心重试（新的尝试会先再检查一次列表）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="127"/>
        <source>{host} says too many requests; wait {minutes} min and try again.</source>
        <translation>{host} 表示请求过多；请等待 {minutes} 分钟后重试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="130"/>
        <source>{host} says too many requests; wait {seconds} s and try again.</source>
        <translation>{host} 提示请求过多；请等待 {seconds} 秒后重试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="132"/>
        <source>{host} says too many requests; wait a little and try again.</source>
        <translation>{host} 提示请求过多；请稍等片刻再试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="135"/>
        <source>{host} did not accept the sign-in.</source>
        <translation>{host} 不接受当前登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="136"/>
        <source>{host} did not accept the sign-in. Your session may have expired; sign in again.</source>
        <translation>{host} 不接受当前登录。会话可能已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="143"/>
        <source>{host} refused the request (HTTP {status}).</source>
        <translation>{host} 拒绝了请求（HTTP {status}）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="144"/>
        <source>{host} refused the request without saying why.</source>
        <translation>{host} 拒绝了请求，但没有说明原因。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="148"/>
        <source>The request to {host} failed.</source>
        <translation>对 {host} 的请求失败。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="156"/>
        <source>{host} ends every sign-in 30 days after it was made, and this one has reached that. Sign in again; nothing you had open is lost.</source>
        <translation>{host} 的每次登录在 30 天后失效，本次登录已到期。请重新登录；您打开的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="159"/>
        <source>The answer to renewing your sign-in to {host} was lost, so the app will not try that sign-in again. Sign in again; nothing you had open is lost.</source>
        <translation>续期 {host} 登录时未收到应答，应用不会再使用该登录。请重新登录；您打开的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="161"/>
        <source>Your sign-in to {host} has ended (signed out, revoked or expired on the site). Sign in again; nothing you had open is lost.</source>
        <translation>您在 {host} 的登录已结束（已在站点上退出、被撤销或已过期）。请重新登录；您打开的内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="167"/>
        <source>Cannot reach {host}. Check your internet connection and the site address.</source>
        <translation>无法连接到 {host}。请检查网络连接和站点地址。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="169"/>
        <source>Could not connect to {host} within {seconds} s. Check your internet connection and the site address.</source>
        <translation>{seconds} 秒内未能连接到 {host}。请检查网络连接和站点地址。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="172"/>
        <source>The secure connection to {host} could not be verified (TLS certificate problem). Check the address, your clock and any proxy in between.</source>
        <translation>无法验证与 {host} 的安全连接（TLS 证书问题）。请检查地址、系统时间以及中间的代理。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="175"/>
        <source>The proxy in front of {host} refused the connection. Check the proxy settings.</source>
        <translation>{host} 前面的代理拒绝了连接。请检查代理设置。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="176"/>
        <source>The request to {host} could not be sent ({detail}).</source>
        <translation>无法向 {host} 发送请求（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="178"/>
        <source>{host} redirected the request to {target}, which is not the same secure site. If that is the site&apos;s real address, sign in with that address instead.</source>
        <translation>{host} 把请求重定向到了 {target}，这不是同一个安全站点。如果那才是站点的真实地址，请改用该地址登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="181"/>
        <source>The connection to {host} broke before the answer arrived. Refresh to see whether the change was made before trying again.</source>
        <translation>与 {host} 的连接在收到回复前中断。重试之前请先刷新，确认更改是否已生效。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="184"/>
        <source>The connection to {host} broke in the middle of the answer. Refresh to see whether the change was made before trying again.</source>
        <translation>与 {host} 的连接在接收回复途中中断。重试之前请先刷新，确认更改是否已生效。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="186"/>
        <source>{host} did not answer within {seconds} s. The site may be busy; try again.</source>
        <translation>{host} 在 {seconds} 秒内没有回复。站点可能正忙，请重试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="187"/>
        <source>The request to {host} failed ({detail}).</source>
        <translation>对 {host} 的请求失败（{detail}）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="188"/>
        <source>{host} refused the sign-in.</source>
        <translation>{host} 拒绝了登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="189"/>
        <source>{host} refused the request.</source>
        <translation>{host} 拒绝了请求。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="190"/>
        <source>{host} does not support this.</source>
        <translation>{host} 不支持此功能。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="192"/>
        <source>{host} is temporarily unavailable (HTTP {status}). Try again in a minute.</source>
        <translation>{host} 暂时不可用（HTTP {status}）。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="193"/>
        <source>{host} had an internal error (HTTP {status}). Try again later.</source>
        <translation>{host} 出现内部错误（HTTP {status}）。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="195"/>
        <source>{host} answered with a web page instead of its API (HTTP {status}). Is this the address of a One API / New API site?</source>
        <translation>{host} 返回的是网页而不是 API（HTTP {status}）。这是 One API / New API 站点的地址吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="198"/>
        <source>{host} answered with something that is not valid JSON instead of its API (HTTP {status}). Is this the address of a One API / New API site?</source>
        <translation>{host} 返回的不是有效的 JSON，而不是 API 的回复（HTTP {status}）。这是 One API / New API 站点的地址吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="201"/>
        <source>{host} sent an answer larger than {size}, which no token page or list is. Is this the address of a One API / New API site?</source>
        <translation>{host} 返回的回复超过 {size}，任何令牌页面或列表都不会这么大。这是 One API / New API 站点的地址吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="204"/>
        <source>{host} sent {count} objects in {size}, far more than a token list has. Is this the address of a One API / New API site?</source>
        <translation>{host} 在 {size} 中返回了 {count} 个对象，远多于令牌列表应有的数量。这是 One API / New API 站点的地址吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="207"/>
        <source>The site sent an answer the app cannot read. Is this the address of a One API / New API site?</source>
        <translation>站点返回了本应用无法读取的回复。这是 One API / New API 站点的地址吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="209"/>
        <source>{host} listed more than {limit} tokens and kept going, so the list was stopped there. Is this the address of a One API / New API site?</source>
        <translation>{host} 列出了超过 {limit} 个令牌且仍未结束，因此列表在此停止。这是 One API / New API 站点的地址吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="211"/>
        <source>{host} did not reveal this token&apos;s key. Try again later.</source>
        <translation>{host} 没有返回此令牌的密钥。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="213"/>
        <source>The site said the token “{token_name}” was created, but it is not in the list. Refresh to check.</source>
        <translation>站点表示令牌“{token_name}”已创建，但它不在列表中。请刷新确认。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="216"/>
        <source>{host} asks for a captcha (Turnstile) on password sign-in, which only a browser can show. Sign in with the system access token instead: open the site in your browser, go to personal settings and generate a system access token, then paste it here with your user ID.</source>
        <translation>{host} 的密码登录需要人机验证（Turnstile），只有浏览器能显示。请改用系统访问令牌登录：在浏览器中打开站点，进入个人设置并生成系统访问令牌，然后连同用户 ID 粘贴到这里。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="219"/>
        <source>Enter your user name (or e-mail) and password.</source>
        <translation>请输入用户名（或邮箱）和密码。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="220"/>
        <source>Paste the system access token from the site.</source>
        <translation>请粘贴站点上的系统访问令牌。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="222"/>
        <source>That is an API key (sk-…), not the system access token. The access token is on the site&apos;s personal settings page, under “system access token”.</source>
        <translation>这是 API 密钥（sk-…），不是系统访问令牌。访问令牌在站点的个人设置页面，“系统访问令牌”一栏。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="224"/>
        <source>Choose how to sign in.</source>
        <translation>请选择登录方式。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="225"/>
        <source>Give the token a name.</source>
        <translation>请为令牌命名。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="227"/>
        <source>The name is {used} bytes long; this site allows at most {limit} bytes (a Chinese character counts as 3). Shorten it.</source>
        <translation>名称长 {used} 字节；此站点最多允许 {limit} 字节（一个汉字算 3 字节）。请缩短名称。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="229"/>
        <source>The quota is too large: at most {highest} units.</source>
        <translation>额度过大：最多 {highest} 单位。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="230"/>
        <source>The expiry time needs a time zone.</source>
        <translation>过期时间需要带时区。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="231"/>
        <source>The expiry time is in the past; pick a later time or Never.</source>
        <translation>过期时间已过去；请选择更晚的时间或“永不过期”。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="233"/>
        <source>“{entry}” is not an IP address or CIDR range (for example 203.0.113.0/24).</source>
        <translation>“{entry}”不是 IP 地址或 CIDR 网段（例如 203.0.113.0/24）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="234"/>
        <source>Enter the site address, for example https://openkey.cloud.</source>
        <translation>请输入站点地址，例如 https://openkey.cloud。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="235"/>
        <source>The address is too long to be a site address.</source>
        <translation>地址太长，不可能是站点地址。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="237"/>
        <source>The address contains spaces or invisible characters; type it again without them.</source>
        <translation>地址中含有空格或不可见字符；请去掉后重新输入。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="238"/>
        <source>The address contains a backslash (\); use forward slashes.</source>
        <translation>地址中含有反斜杠（\）；请使用正斜杠。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="240"/>
        <source>Write the address as https://host, for example https://openkey.cloud.</source>
        <translation>请把地址写成 https://主机名，例如 https://openkey.cloud。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="241"/>
        <source>“{scheme}:” addresses are not supported; use https://.</source>
        <translation>不支持“{scheme}:”地址；请使用 https://。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="243"/>
        <source>Do not put a user name or password in the address; sign in with the form instead.</source>
        <translation>不要把用户名或密码写在地址里；请在表单中登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="244"/>
        <source>The address has an invalid port.</source>
        <translation>地址中的端口无效。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="245"/>
        <source>Plain http:// would send your password unencrypted; use https://.</source>
        <translation>明文 http:// 会不加密地发送密码；请使用 https://。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/error_text.py" line="246"/>
        <source>The address has no valid host name.</source>
        <translation>地址中没有有效的主机名。</translation>
    </message>
</context>
<context>
    <name>ExpiryField</name>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="37"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="38"/>
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="39"/>
        <source>1 day</source>
        <translation>1 天</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="40"/>
        <source>7 days</source>
        <translation>7 天</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="41"/>
        <source>30 days</source>
        <translation>30 天</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="42"/>
        <source>90 days</source>
        <translation>90 天</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="43"/>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="51"/>
        <source>Expiry date and time</source>
        <translation>过期日期和时间</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="52"/>
        <source>Local time</source>
        <translation>本地时间</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/expiry_field.py" line="85"/>
        <source>This token has expired; choose a new expiry or Never to revive it.</source>
        <translation>此令牌已过期；请选择新的过期时间或“永不过期”以恢复使用。</translation>
    </message>
</context>
<context>
    <name>GlobalShortcut</name>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="59"/>
        <source>Choose one key combination, not a sequence of them.</source>
        <translation>请选择一个组合键，而不是一串组合键。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="63"/>
        <source>Choose a letter, a digit, Space or F1–F20, with Command, Option, Shift or Control.</source>
        <translation>请选择一个字母、数字、空格或 F1–F20，并搭配 Command、Option、Shift 或 Control 键。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="65"/>
        <source>Add Command, Option or Control: a letter alone would be taken from every app.</source>
        <translation>请加上 Command、Option 或 Control 键：单个字母会让所有应用都无法使用该键。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="69"/>
        <source>Choose a letter, a digit, Space or F1–F24, with Ctrl, Alt, Shift or the Windows / Super key.</source>
        <translation>请选择一个字母、数字、空格或 F1–F24，并搭配 Ctrl、Alt、Shift 或 Windows / Super 键。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="71"/>
        <source>Add Ctrl, Alt or the Windows / Super key: a letter alone would be taken from every app.</source>
        <translation>请加上 Ctrl、Alt 或 Windows / Super 键：单个字母会让所有应用都无法使用该键。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="77"/>
        <source>Wayland does not let apps take a shortcut for the whole desktop. Open quick access from the tray, or with Ctrl+K in the window.</source>
        <translation>Wayland 不允许应用占用整个桌面的快捷键。请从托盘打开快速访问，或在窗口中按 Ctrl+K。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="79"/>
        <source>No X display was found, so there is no global shortcut.</source>
        <translation>未找到 X 显示，因此无法使用全局快捷键。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="80"/>
        <source>{0} is already used by another app. Choose another combination.</source>
        <translation>{0} 已被其他应用占用。请选择其他组合键。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/global_shortcut.py" line="82"/>
        <source>The system did not accept {0} as a global shortcut.</source>
        <translation>系统不接受将 {0} 设为全局快捷键。</translation>
    </message>
</context>
<context>
    <name>KeyCopier</name>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="58"/>
        <location filename="../../openkey_gui/ui/key_copier.py" line="85"/>
        <source>the key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="58"/>
        <location filename="../../openkey_gui/ui/key_copier.py" line="85"/>
        <source>That token is no longer in the list.</source>
        <translation>该令牌已不在列表中。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="63"/>
        <location filename="../../openkey_gui/ui/key_copier.py" line="153"/>
        <source>the key of “{0}”</source>
        <translation>“{0}”的密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="88"/>
        <source>the key of “{0}” on {1}</source>
        <translation>{1} 上“{0}”的密钥</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/key_copier.py" line="110"/>
        <source>%n keys as NAME=key lines</source>
        <translation>
            <numerusform>%n 个密钥（NAME=密钥 格式）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/key_copier.py" line="112"/>
        <source>%n keys</source>
        <translation>
            <numerusform>%n 个密钥</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="126"/>
        <source>the {0} link</source>
        <translation>{0} 链接</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="138"/>
        <source>the API base URL</source>
        <translation>API 基础地址</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="169"/>
        <source>Could not show {0}: {1}</source>
        <translation>无法显示{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_copier.py" line="169"/>
        <source>Could not copy {0}: {1}</source>
        <translation>无法复制{0}：{1}</translation>
    </message>
</context>
<context>
    <name>KeyExportDialog</name>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="40"/>
        <source>Export %n keys</source>
        <translation>
            <numerusform>导出 %n 个密钥</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="43"/>
        <source>.env lines (NAME=sk-…)</source>
        <translation>.env 行（NAME=sk-…）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="44"/>
        <source>CSV (name, key, quota, expiry)</source>
        <translation>CSV（名称、密钥、额度、过期时间）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="45"/>
        <source>To the clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="47"/>
        <source>To a file:</source>
        <translation>保存到文件：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="52"/>
        <source>Choose where to save…</source>
        <translation>选择保存位置…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="54"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="58"/>
        <source>A file will hold these keys in plain text: anyone who can read it can spend their quota. The app writes it only where you choose, readable by you alone; delete it when you no longer need it.</source>
        <translation>文件将以明文保存这些密钥：任何能读取它的人都能消耗其额度。本应用只会写到你选择的位置，并且只有你本人可读；不再需要时请删除它。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="68"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="77"/>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="96"/>
        <source>Save keys — the file will hold secret keys in plain text</source>
        <translation>保存密钥 — 文件将以明文保存密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="104"/>
        <source>Choose a file to save to, or export to the clipboard.</source>
        <translation>请选择要保存的文件，或导出到剪贴板。</translation>
    </message>
</context>
<context>
    <name>KeyExporter</name>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="140"/>
        <source>%n keys as {0}</source>
        <translation>
            <numerusform>%n 个密钥（{0}）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="146"/>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="148"/>
        <source>Saved %n keys to {0}.</source>
        <translation>
            <numerusform>已将 %n 个密钥保存到 {0}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_export_dialog.py" line="151"/>
        <source>Could not export the keys: {0}</source>
        <translation>无法导出密钥：{0}</translation>
    </message>
</context>
<context>
    <name>KeyRotation</name>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="59"/>
        <source>“{0}” has expired: edit its expiry first, then rotate it.</source>
        <translation>“{0}”已过期：请先修改其过期时间，再更换密钥。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="61"/>
        <source>Rotate key</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="62"/>
        <source>Replace the key of “{0}” with a new one?</source>
        <translation>要把“{0}”的密钥换成新的吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="67"/>
        <source>A new token is created with the same settings (quota left, expiry, models, IP limits, group) and its key is copied. The old token keeps working until you confirm that the new key is in place; then it is disabled, not deleted.</source>
        <translation>将用相同的设置（剩余额度、过期时间、模型、IP 限制、分组）创建一个新令牌，并复制它的密钥。在你确认新密钥已替换到位之前，旧令牌仍然可用；确认后旧令牌会被禁用，而不是删除。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="70"/>
        <source>Keep the same name (otherwise “{0}”)</source>
        <translation>保持相同名称（否则为“{0}”）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="74"/>
        <source>Create replacement</source>
        <translation>创建替换令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="98"/>
        <source>Could not create the replacement: {0}</source>
        <translation>无法创建替换令牌：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="104"/>
        <source>Is the new key in place?</source>
        <translation>新密钥已替换到位了吗？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="105"/>
        <source>The new key of “{0}” is on the clipboard.</source>
        <translation>“{0}”的新密钥已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="110"/>
        <source>Paste it wherever the old key was used. Once every app uses the new key, disable the old token “{0}”.</source>
        <translation>请把它粘贴到所有使用旧密钥的地方。所有应用都改用新密钥后，再禁用旧令牌“{0}”。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="112"/>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="145"/>
        <source>Disable old key</source>
        <translation>禁用旧密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="113"/>
        <source>Later</source>
        <translation>稍后</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="134"/>
        <source>Disabled the old token “{0}”.</source>
        <translation>已禁用旧令牌“{0}”。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_rotation.py" line="143"/>
        <source>The old token “{0}” still works. Disable it once the new key is in place.</source>
        <translation>旧令牌“{0}”仍然可用。新密钥替换到位后请禁用它。</translation>
    </message>
</context>
<context>
    <name>KeyTestDialog</name>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="50"/>
        <source>Test key — {0}</source>
        <translation>测试密钥 — {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="54"/>
        <source>Testing the key…</source>
        <translation>正在测试密钥…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="65"/>
        <source>Reading the key&apos;s balance…</source>
        <translation>正在读取密钥余额…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="70"/>
        <source>Try one model…</source>
        <translation>试用一个模型…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="73"/>
        <source>Sends one request of at most one token to the chosen model. It costs a tiny amount.</source>
        <translation>向所选模型发送一次最多一个 token 的请求，会产生极少的费用。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="93"/>
        <source>Round trip:</source>
        <translation>往返耗时：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="94"/>
        <source>Balance of this key:</source>
        <translation>此密钥的余额：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="95"/>
        <source>Models it may use:</source>
        <translation>可用模型：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="113"/>
        <source>{0} ms</source>
        <translation>{0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="122"/>
        <source>The key works, but only for: {0}.</source>
        <translation>密钥可用，但仅限于：{0}。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="123"/>
        <source>To use other models, edit the token and change its model limits.</source>
        <translation>如需使用其他模型，请编辑令牌并修改其模型限制。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="125"/>
        <source>The key works: the site lists %n models for it.</source>
        <translation>
            <numerusform>密钥可用：站点为其列出了 %n 个模型。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="134"/>
        <source>The key could not be tested: {0}</source>
        <translation>无法测试密钥：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="135"/>
        <source>Check the connection and test again.</source>
        <translation>请检查网络连接后重新测试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="140"/>
        <source>Unlimited; {0} used</source>
        <translation>无限额度；已用 {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="142"/>
        <source>{0} left of {1} ({2} used)</source>
        <translation>剩余 {0}，共 {1}（已用 {2}）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="147"/>
        <source>expires {0}</source>
        <translation>{0} 过期</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="152"/>
        <source>Not available: {0}</source>
        <translation>无法获取：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="154"/>
        <source>The site gives no balance for a key it refuses.</source>
        <translation>站点不提供被拒绝密钥的余额。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="156"/>
        <source>The site does not tell this key&apos;s balance.</source>
        <translation>站点未提供此密钥的余额。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="160"/>
        <source>Sending one request to {0}…</source>
        <translation>正在向 {0} 发送一次请求…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="164"/>
        <source>HTTP {0}, first byte after {1} ms, {2} ms in all</source>
        <translation>HTTP {0}，首字节 {1} 毫秒，总计 {2} 毫秒</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="167"/>
        <source>{0} answered ({1}).</source>
        <translation>{0} 已响应（{1}）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="172"/>
        <source>{0} did not answer.</source>
        <translation>{0} 没有响应。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="178"/>
        <source>The request could not be sent: {0}</source>
        <translation>请求无法发送：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="186"/>
        <source>The site only says the key is invalid; the token&apos;s own settings point to this.</source>
        <translation>站点只返回“无效的令牌”；根据令牌自身的设置推断为此原因。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="189"/>
        <source>The site said: {0}</source>
        <translation>站点返回：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="195"/>
        <source>Refused: this key has expired.</source>
        <translation>被拒绝：此密钥已过期。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="196"/>
        <source>Refused: this key&apos;s quota is used up.</source>
        <translation>被拒绝：此密钥的额度已用尽。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="197"/>
        <source>Refused: this key is disabled.</source>
        <translation>被拒绝：此密钥已禁用。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="198"/>
        <source>Refused: the site does not know this key.</source>
        <translation>被拒绝：站点不认识此密钥。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="199"/>
        <source>Refused: this key may not be used from this computer&apos;s address.</source>
        <translation>被拒绝：此密钥不允许从本机的 IP 地址使用。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="200"/>
        <source>The site says too many requests for now.</source>
        <translation>站点提示当前请求过多。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="203"/>
        <source>Refused: this key may not use {0}.</source>
        <translation>被拒绝：此密钥无权使用 {0}。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="204"/>
        <source>Refused: this key may not use that model.</source>
        <translation>被拒绝：此密钥无权使用该模型。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="205"/>
        <source>Refused (HTTP {0}).</source>
        <translation>被拒绝（HTTP {0}）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="209"/>
        <source>Edit the token and set a later expiry (or never), then enable it.</source>
        <translation>请编辑令牌，设置更晚的过期时间（或永不过期），然后启用它。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="210"/>
        <source>Edit the token to add quota or make it unlimited, then enable it.</source>
        <translation>请编辑令牌增加额度或设为无限额度，然后启用它。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="211"/>
        <source>Enable the token (Ctrl+Shift+E), then test again.</source>
        <translation>请启用该令牌（Ctrl+Shift+E）后重新测试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="212"/>
        <source>The token may have been deleted; refresh the list and copy the key again.</source>
        <translation>该令牌可能已被删除；请刷新列表并重新复制密钥。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="213"/>
        <source>Edit the token&apos;s IP limits to include this computer&apos;s address, or use the key from an allowed address.</source>
        <translation>请编辑令牌的 IP 限制以包含本机地址，或从允许的地址使用此密钥。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="215"/>
        <source>Edit the token&apos;s model limits, or choose a model it may use.</source>
        <translation>请编辑令牌的模型限制，或选择它可以使用的模型。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="216"/>
        <source>Wait a minute before testing again.</source>
        <translation>请等待一分钟后再测试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_test_dialog.py" line="217"/>
        <source>Try again later; if it keeps failing, ask the site&apos;s operator.</source>
        <translation>请稍后重试；如果一直失败，请联系站点管理员。</translation>
    </message>
</context>
<context>
    <name>KeyTester</name>
    <message>
        <location filename="../../openkey_gui/ui/key_tester.py" line="117"/>
        <source>Try one model?</source>
        <translation>试用一个模型？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_tester.py" line="118"/>
        <source>Send one request to {0} with this key?</source>
        <translation>用此密钥向 {0} 发送一次请求？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_tester.py" line="120"/>
        <source>The answer is at most one token long, but the site will charge it: it costs a tiny amount of the key&apos;s quota.</source>
        <translation>回答最多一个 token，但站点会计费：会消耗此密钥极少量的额度。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_tester.py" line="122"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/key_tester.py" line="123"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <location filename="../../openkey_gui/ui/i18n.py" line="51"/>
        <source>, </source>
        <comment>between the items of a list; &apos;、&apos; in Chinese</comment>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="99"/>
        <location filename="../../openkey_gui/ui/main_window.py" line="385"/>
        <source>OpenKey Desktop</source>
        <translation>OpenKey Desktop</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="150"/>
        <source>.env block</source>
        <translation>.env 配置</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="152"/>
        <source>curl command</source>
        <translation>curl 命令</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="154"/>
        <source>Python</source>
        <translation>Python 代码</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="186"/>
        <source>Copied {0}.</source>
        <translation>已复制{0}。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="186"/>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="193"/>
        <source>Checking in…</source>
        <translation>正在签到…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="260"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="279"/>
        <source>Daily check-in</source>
        <translation>每日签到</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="387"/>
        <source>OpenKey Desktop — {0}</source>
        <translation>OpenKey Desktop — {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="177"/>
        <source>Fetching the key…</source>
        <translation>正在获取密钥…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="283"/>
        <source>The clipboard was not changed. Keys you have copied before in this session still copy while the site is unreachable.</source>
        <translation>剪贴板未被改动。本次会话中复制过的密钥在站点无法访问时仍可复制。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="288"/>
        <source>Nothing copied</source>
        <translation>未复制任何内容</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="238"/>
        <source>Token list refreshed.</source>
        <translation>令牌列表已刷新。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="391"/>
        <source>About OpenKey Desktop</source>
        <translation>关于 OpenKey Desktop</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="392"/>
        <source>&lt;b&gt;OpenKey Desktop&lt;/b&gt; {0}&lt;br&gt;Manage the API tokens of One API and New API sites such as openkey.cloud.&lt;br&gt;&lt;br&gt;Your sign-in is kept in the system keyring; keys are never written to disk.</source>
        <translation>&lt;b&gt;OpenKey Desktop&lt;/b&gt; {0}&lt;br&gt;管理 One API 和 New API 站点（如 openkey.cloud）的 API 令牌。&lt;br&gt;&lt;br&gt;登录信息保存在系统密钥环中；密钥绝不会写入磁盘。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="444"/>
        <source>Clear clipboard now ({0} s)</source>
        <translation>立即清除剪贴板（{0} 秒）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="445"/>
        <source>Clear clipboard now</source>
        <translation>立即清除剪贴板</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="535"/>
        <source>Keep running in the tray?</source>
        <translation>在托盘中继续运行？</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="536"/>
        <source>OpenKey Desktop can keep running in the system tray, so keys stay one click away. Keep it running when the window is closed? (You can change this in Preferences.)</source>
        <translation>OpenKey Desktop 可以在系统托盘中继续运行，密钥随时一键可得。关闭窗口后是否继续运行？（可在首选项中更改。）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="344"/>
        <source>Pinned “{0}” to the tray.</source>
        <translation>已将“{0}”固定到托盘。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/main_window.py" line="344"/>
        <source>Unpinned “{0}”.</source>
        <translation>已取消固定“{0}”。</translation>
    </message>
</context>
<context>
    <name>ModelListDialog</name>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="48"/>
        <source>Models and prices</source>
        <translation>模型与价格</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="53"/>
        <source>Search models…</source>
        <translation>搜索模型…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="56"/>
        <source>Reading the site&apos;s models…</source>
        <translation>正在读取站点的模型…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="62"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="62"/>
        <source>Input / 1M tokens</source>
        <translation>输入 / 百万 token</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="63"/>
        <source>Output / 1M tokens</source>
        <translation>输出 / 百万 token</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="63"/>
        <source>Tokens that may use it</source>
        <translation>可使用的令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="80"/>
        <source>Prices as the site publishes them, for your group “{0}”.</source>
        <translation>站点公布的价格，按你的分组“{0}”计算。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="82"/>
        <source>This site publishes no prices; these are the models of your group.</source>
        <translation>此站点未公布价格；以下是你所在分组的模型。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="99"/>
        <source>Could not read the models: {0}</source>
        <translation>无法读取模型：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="107"/>
        <source>{0} per call</source>
        <translation>每次调用 {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="119"/>
        <source>All %n tokens</source>
        <translation>
            <numerusform>全部 %n 个令牌</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="121"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="122"/>
        <source>{0} of {1} tokens</source>
        <translation>{1} 个令牌中的 {0} 个</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/model_list_dialog.py" line="127"/>
        <source>and %n more</source>
        <translation>
            <numerusform>以及另外 %n 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="47"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="51"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="57"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="57"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="58"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="62"/>
        <source>Show an icon in the system tray</source>
        <translation>在系统托盘显示图标</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="64"/>
        <source>Closing the window keeps the app in the tray</source>
        <translation>关闭窗口时保持在托盘中运行</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="66"/>
        <source>Minimising hides the window to the tray</source>
        <translation>最小化时隐藏到托盘</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="74"/>
        <source>Start OpenKey Desktop when I log in</source>
        <translation>登录系统时启动 OpenKey Desktop</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="82"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="82"/>
        <source>{0} seconds</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="88"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="88"/>
        <source>Every {0} minutes</source>
        <translation>每 {0} 分钟</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="92"/>
        <source>Check in automatically once a day on sites that offer it</source>
        <translation>在提供签到的站点每天自动签到一次</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="101"/>
        <source>Opens quick access from any app; empty for none</source>
        <translation>在任何应用中打开快速访问；留空表示不使用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="107"/>
        <source>e.g. 5.00 (empty = off)</source>
        <translation>例如 5.00（留空 = 关闭）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="119"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="120"/>
        <source>&amp;Appearance:</source>
        <translation>外观(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="126"/>
        <source>&amp;Clear copied keys after:</source>
        <translation>复制的密钥清除时间(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="127"/>
        <source>&amp;Refresh in the background:</source>
        <translation>后台刷新(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="129"/>
        <source>&amp;Global shortcut for quick access:</source>
        <translation>快速访问的全局快捷键(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="133"/>
        <source>Remind me when the &amp;balance is below:</source>
        <translation>余额低于此值时提醒(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="154"/>
        <source>Enter an amount such as 5.00, or leave it empty.</source>
        <translation>请输入金额（例如 5.00），或留空。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/preferences_dialog.py" line="203"/>
        <source>The system did not accept the change: {0}</source>
        <translation>系统未接受此更改：{0}</translation>
    </message>
</context>
<context>
    <name>QuickAccessPalette</name>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="31"/>
        <source>Quick access</source>
        <translation>快速访问</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="37"/>
        <source>Type part of a token&apos;s or a site&apos;s name…</source>
        <translation>输入令牌或站点名称的一部分…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="43"/>
        <source>Enter copies the key · Shift+Enter the API base URL · Esc closes</source>
        <translation>Enter 复制密钥 · Shift+Enter 复制 API 基础地址 · Esc 关闭</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="125"/>
        <source>{0} on {1}</source>
        <translation>{1} 上的 {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="130"/>
        <source>No token matches.</source>
        <translation>没有匹配的令牌。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="130"/>
        <source>No tokens listed.</source>
        <translation>没有列出的令牌。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="140"/>
        <source>disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="140"/>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="141"/>
        <source>used up</source>
        <translation>已用尽</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quick_access_palette.py" line="141"/>
        <source>not usable</source>
        <translation>不可用</translation>
    </message>
</context>
<context>
    <name>QuotaField</name>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="39"/>
        <source>&amp;Unlimited</source>
        <translation>无限额度(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="41"/>
        <source>The token may spend until the account balance runs out.</source>
        <translation>令牌可一直消费，直到账户余额用完。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="45"/>
        <source>Quota amount</source>
        <translation>额度数值</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="49"/>
        <source>$ (money)</source>
        <translation>美元</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="49"/>
        <source>units</source>
        <translation>点</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="50"/>
        <source>Quota unit</source>
        <translation>额度单位</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="51"/>
        <source>$1 = {units} units on this site</source>
        <translation>本站 $1 = {units} 点</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="79"/>
        <source>Set the quota to {money} ({units} units)</source>
        <translation>将额度设为 {money}（{units} 点）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="125"/>
        <source>Enter an amount in dollars, for example 2.50.</source>
        <translation>请输入美元金额，例如 2.50。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="127"/>
        <source>Enter a whole number of units, for example 1250000.</source>
        <translation>请输入整数点数，例如 1250000。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="144"/>
        <source>= {units} units</source>
        <translation>= {units} 点</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/quota_field.py" line="145"/>
        <source>= {money}</source>
        <translation>= {money}</translation>
    </message>
</context>
<context>
    <name>RecentRequests</name>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="92"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="92"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="92"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="92"/>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="93"/>
        <source>Completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="93"/>
        <source>Cost</source>
        <translation>花费</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="93"/>
        <source>Latency</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="93"/>
        <source>Stream</source>
        <translation>流式</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="94"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="94"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="94"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>ReminderNotifier</name>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="57"/>
        <source>{0} — {1}</source>
        <extracomment>The reminders just notified (list[Reminder]).</extracomment>
        <translation>{0} — {1}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="65"/>
        <source>%n tokens expire soon</source>
        <translation>
            <numerusform>%n 个令牌即将过期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="65"/>
        <source>Within 3 days: {0}</source>
        <translation>3 天内过期：{0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="66"/>
        <source>%n tokens are running low</source>
        <translation>
            <numerusform>%n 个令牌额度即将用尽</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="66"/>
        <source>Under 10 % left: {0}</source>
        <translation>剩余不足 10%：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="71"/>
        <source>Token expires soon</source>
        <translation>令牌即将过期</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="72"/>
        <source>“{0}” expires on {1}.</source>
        <translation>“{0}”将于 {1} 过期。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="75"/>
        <source>Token quota running low</source>
        <translation>令牌额度即将用尽</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="76"/>
        <source>“{0}” has {1} % of its quota left.</source>
        <translation>“{0}”仅剩 {1}% 的额度。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="79"/>
        <source>Balance running low</source>
        <translation>余额不足</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/reminder_notifier.py" line="79"/>
        <source>Your account balance is {0}.</source>
        <translation>您的账户余额为 {0}。</translation>
    </message>
</context>
<context>
    <name>ServerMessageText</name>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="29"/>
        <source>You are not signed in to {host} (it received no sign-in). Sign in again.</source>
        <translation>你尚未登录 {host}（站点没有收到登录凭据）。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="31"/>
        <source>{host} did not accept the access token: it is wrong, or a newer one replaced it. Generate a new one on the site&apos;s personal settings page and paste it.</source>
        <translation>{host} 不接受该访问令牌：令牌有误，或已被新生成的令牌取代。请在站点的个人设置页面生成新令牌并粘贴。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="34"/>
        <source>{host} also needs your numeric user ID with the access token. It is shown on the site&apos;s personal settings page.</source>
        <translation>{host} 还需要与访问令牌配套的数字用户 ID。它显示在站点的个人设置页面上。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="36"/>
        <source>The user ID must be a number, as shown on the site&apos;s personal settings page.</source>
        <translation>用户 ID 必须是数字，见站点的个人设置页面。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="39"/>
        <source>The user ID does not belong to this access token. Check the ID on the site&apos;s personal settings page.</source>
        <translation>该用户 ID 与此访问令牌不匹配。请在站点的个人设置页面核对 ID。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="41"/>
        <source>Your account is not allowed to do this on {host}.</source>
        <translation>你的账户无权在 {host} 上执行此操作。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="43"/>
        <source>The user name or password is wrong, or the account is disabled. Check both and try again.</source>
        <translation>用户名或密码错误，或账户已被禁用。请检查后重试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="44"/>
        <source>This account is disabled on {host}. Contact the site&apos;s administrator.</source>
        <translation>该账户在 {host} 上已被禁用。请联系站点管理员。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="45"/>
        <source>{host} did not accept the sign-in. Sign in again.</source>
        <translation>{host} 不接受当前登录。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="47"/>
        <source>This account uses two-step verification. Enter the 6-digit code from your authenticator app, or a backup code.</source>
        <translation>此账户启用了两步验证。请输入身份验证器应用中的 6 位验证码，或一个备用码。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="50"/>
        <source>The verification code is wrong. Enter the current code from your authenticator app, or a backup code.</source>
        <translation>验证码错误。请输入身份验证器应用中当前的验证码，或一个备用码。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="52"/>
        <source>The sign-in took too long to finish. Sign in again.</source>
        <translation>登录耗时过长未能完成。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="54"/>
        <source>{host} asks for a captcha on password sign-in, which only a browser can show. Sign in with the system access token instead.</source>
        <translation>{host} 的密码登录需要人机验证，只有浏览器能显示。请改用系统访问令牌登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="57"/>
        <source>This needs a password sign-in on {host}; an access token is not enough for it.</source>
        <translation>此操作需要在 {host} 用密码登录，仅凭访问令牌不够。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="59"/>
        <source>{host} refused the request&apos;s origin (its secure-cookie setting). Sign in with the system access token, or ask the site&apos;s administrator.</source>
        <translation>{host} 拒绝了请求来源（站点的安全 Cookie 设置）。请改用系统访问令牌登录，或联系站点管理员。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="61"/>
        <source>That session no longer exists on {host}.</source>
        <translation>该会话在 {host} 上已不存在。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="62"/>
        <source>The sign-in changed while it was being renewed. Sign in again.</source>
        <translation>续期登录时登录状态发生了变化。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="63"/>
        <source>Your sign-in on {host} has expired. Sign in again.</source>
        <translation>你在 {host} 的登录已过期。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="65"/>
        <source>Your session on {host} was ended (signed out elsewhere, or revoked). Sign in again.</source>
        <translation>你在 {host} 的会话已结束（在别处退出或被撤销）。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="66"/>
        <source>{host} failed while checking the sign-in. Try again in a minute.</source>
        <translation>{host} 在校验登录时出错。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="68"/>
        <source>The token no longer exists on {host} (it may have been deleted elsewhere). Refresh the list.</source>
        <translation>该令牌在 {host} 上已不存在（可能已在别处删除）。请刷新列表。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="69"/>
        <source>{host} says the token name is too long. Shorten it.</source>
        <translation>{host} 提示令牌名称过长。请缩短名称。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="70"/>
        <source>{host} refused an allowed IP range as invalid: {value}. Correct it.</source>
        <translation>{host} 认为允许的 IP 网段无效：{value}。请更正。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="71"/>
        <source>The quota cannot be negative.</source>
        <translation>额度不能为负数。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="72"/>
        <source>The quota is too large: at most {value} units.</source>
        <translation>额度过大：最多 {value} 单位。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="74"/>
        <source>The account has reached the site&apos;s limit of {value} tokens. Delete tokens you no longer use.</source>
        <translation>账户已达到站点 {value} 个令牌的上限。请删除不再使用的令牌。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="76"/>
        <source>The token has expired, so it cannot be enabled. Set a later expiry time (or Never) first.</source>
        <translation>令牌已过期，无法启用。请先设置更晚的过期时间（或永不过期）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="78"/>
        <source>The token&apos;s quota is used up, so it cannot be enabled. Raise its quota (or make it unlimited) first.</source>
        <translation>令牌额度已用尽，无法启用。请先提高额度（或设为无限额度）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="80"/>
        <source>{host} refused the request as invalid.</source>
        <translation>{host} 认为请求无效而拒绝。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="81"/>
        <source>{host} refused the request: the token or user ID was missing.</source>
        <translation>{host} 拒绝了请求：缺少令牌或用户 ID。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="82"/>
        <source>A search may not hold two % next to each other.</source>
        <translation>搜索中不能有两个相邻的 %。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="83"/>
        <source>A search may hold at most two %.</source>
        <translation>搜索中最多只能有两个 %。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="84"/>
        <source>A search with % needs at least 2 other characters.</source>
        <translation>含 % 的搜索至少需要另外 2 个字符。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="86"/>
        <source>This account has more tokens than the site allows wildcard searches for: search for an exact name, without %.</source>
        <translation>此账户的令牌数量超过站点允许通配搜索的上限：请不带 % 搜索完整名称。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="88"/>
        <source>You have already checked in today.</source>
        <translation>今天已经签到过了。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="89"/>
        <source>Check-in is not enabled on {host}.</source>
        <translation>{host} 未开启签到功能。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="90"/>
        <source>The redemption code is not valid.</source>
        <translation>兑换码无效。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="91"/>
        <source>The redemption code has already been used.</source>
        <translation>该兑换码已被使用。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="92"/>
        <source>This key has expired. Set a later expiry time to use it again.</source>
        <translation>此密钥已过期。设置更晚的过期时间后才能再次使用。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="93"/>
        <source>This key&apos;s quota is used up. Raise its quota to use it again.</source>
        <translation>此密钥的额度已用尽。提高额度后才能再次使用。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="94"/>
        <source>This key is disabled, expired or used up on {host}.</source>
        <translation>此密钥在 {host} 上已被禁用、过期或额度用尽。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="95"/>
        <source>{host} does not know this key (it may have been deleted).</source>
        <translation>{host} 不认识此密钥（可能已被删除）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="96"/>
        <source>The request carried no key.</source>
        <translation>请求中没有携带密钥。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="97"/>
        <source>This key may not use the model {value}.</source>
        <translation>此密钥无权使用模型 {value}。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="99"/>
        <source>This key only works from {ranges}; this request came from {address}.</source>
        <translation>此密钥只能从 {ranges} 使用；此请求来自 {address}。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="100"/>
        <source>This key does not allow requests from this IP address.</source>
        <translation>此密钥不允许来自该 IP 地址的请求。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="102"/>
        <source>{host} has no price set for the model {value}. Ask the site&apos;s administrator.</source>
        <translation>{host} 没有为模型 {value} 设置价格。请联系站点管理员。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="103"/>
        <source>{host} is overloaded right now. Try again in a minute.</source>
        <translation>{host} 当前负载过高。请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/server_message_text.py" line="104"/>
        <source>{host} does not offer {value}.</source>
        <translation>{host} 不提供 {value}。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="69"/>
        <source>Sign in — OpenKey Desktop</source>
        <translation>登录 — OpenKey Desktop</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="77"/>
        <source>The address of your One API or New API site, e.g. https://openkey.cloud</source>
        <translation>您的 One API 或 New API 站点地址，例如 https://openkey.cloud</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="86"/>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="87"/>
        <source>&amp;Access token</source>
        <translation>系统访问令牌(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="89"/>
        <source>&amp;Remember me on this computer</source>
        <translation>在这台电脑上记住我(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="244"/>
        <source>needed by New API sites, optional for One API</source>
        <translation>New API 站点必填，One API 可不填</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="273"/>
        <source>The credential is kept in the system keyring, never in a file.</source>
        <translation>凭据保存在系统密钥环中，绝不会写入文件。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="124"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="98"/>
        <source>Remember me keeps your password itself in the system keyring. Safer: sign in on the Access token tab, since a token can be revoked on the site without changing your password.</source>
        <translation>“记住我”会把密码本身保存在系统钥匙串中。更安全的做法：在“访问令牌”页登录，令牌可以在站点上随时作废，无需修改密码。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="129"/>
        <source>&amp;Site:</source>
        <translation>站点(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="163"/>
        <source>user name or e-mail</source>
        <translation>用户名或邮箱</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="169"/>
        <source>6-digit code or backup code</source>
        <translation>6 位验证码或备用码</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="170"/>
        <source>2FA &amp;code:</source>
        <translation>两步验证码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="172"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="174"/>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="188"/>
        <source>Sign in without your password: on the site open &lt;b&gt;Personal settings&lt;/b&gt;, find &lt;b&gt;System access token&lt;/b&gt; and click &lt;b&gt;Generate&lt;/b&gt;, then paste it here. This also works when the site asks for a captcha, or when you signed up with GitHub / WeChat. New API sites also need your numeric user ID (shown on the same page).</source>
        <translation>无需密码即可登录：在站点上打开&lt;b&gt;个人设置&lt;/b&gt;，找到&lt;b&gt;系统访问令牌&lt;/b&gt;并点击&lt;b&gt;生成&lt;/b&gt;，然后粘贴到这里。站点要求验证码，或您是通过 GitHub / 微信注册的，也可以这样登录。New API 站点还需要填写您的数字用户 ID（显示在同一页面）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="201"/>
        <source>system access token (not an sk- key)</source>
        <translation>系统访问令牌（不是 sk- 开头的密钥）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="221"/>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="226"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="222"/>
        <source>Show or hide what you typed</source>
        <translation>显示或隐藏输入的内容</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="226"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="240"/>
        <source>your numeric user ID, from the site&apos;s personal settings</source>
        <translation>数字用户 ID，见站点的个人设置</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="242"/>
        <source>optional for One API</source>
        <translation>One API 站点可不填</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="206"/>
        <source>Access &amp;token:</source>
        <translation>系统访问令牌(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="208"/>
        <source>User &amp;ID:</source>
        <translation>用户 &amp;ID：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="407"/>
        <source>{0} · {1} {2}</source>
        <translation>{0} · {1} {2}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="411"/>
        <source>This site keeps a sign-in for 30 days. With Remember me, the app renews it by itself and a restart within those days asks for no password or code.</source>
        <translation>此站点的登录有效期为 30 天。勾选“记住我”后，应用会自动续期，期间重启应用无需再输入密码或验证码。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/sign_in_dialog.py" line="415"/>
        <source>This site asks for a captcha on password sign-in; use the Access token tab.</source>
        <translation>该站点的密码登录需要验证码，请使用“系统访问令牌”标签页。</translation>
    </message>
</context>
<context>
    <name>SiteResults</name>
    <message>
        <location filename="../../openkey_gui/ui/all_accounts_search.py" line="61"/>
        <source>Site</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/all_accounts_search.py" line="61"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/all_accounts_search.py" line="61"/>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/all_accounts_search.py" line="61"/>
        <source>Expires</source>
        <translation>过期时间</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/all_accounts_search.py" line="74"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
</context>
<context>
    <name>SlotTarget</name>
    <message>
        <location filename="../../openkey_gui/ui/every_account.py" line="35"/>
        <source>the API base URL of {0}</source>
        <translation>{0} 的 API 基础地址</translation>
    </message>
</context>
<context>
    <name>SpendBook</name>
    <message>
        <location filename="../../openkey_gui/ui/spend_column.py" line="80"/>
        <source>Not read yet: it is read for the rows on screen, or for all when the log is short.</source>
        <translation>尚未读取：只读取屏幕上的行；日志较短时一次读取全部。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/spend_column.py" line="81"/>
        <source>Spent in the last 7 days: {0} ({1} units)</source>
        <translation>最近 7 天花费：{0}（{1} 点）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/spend_column.py" line="84"/>
        <source>Per day (UTC, oldest first): {0}</source>
        <translation>每天（UTC，从早到晚）：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/spend_column.py" line="87"/>
        <source>The site logs names only: this is every token named “{0}”.</source>
        <translation>该站点日志只记录令牌名称：这是所有名为“{0}”的令牌的合计。</translation>
    </message>
</context>
<context>
    <name>StatusArea</name>
    <message>
        <location filename="../../openkey_gui/ui/status_area.py" line="32"/>
        <source>Clear now</source>
        <translation>立即清除</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/status_area.py" line="33"/>
        <source>Remove the copied key from the clipboard now</source>
        <translation>立即从剪贴板移除已复制的密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/status_area.py" line="38"/>
        <source>Clipboard clears in {0} s</source>
        <translation>剪贴板将在 {0} 秒后清除</translation>
    </message>
</context>
<context>
    <name>TokenController</name>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="182"/>
        <source>refresh the token list</source>
        <extracomment>The full list after a refresh (list[Token]). A token that was created (Token); emitted once per token of a batch. A token whose fields changed on the server (Token). The id of a token deleted on the server. The account&apos;s balance and usage after a refresh (Account). A failure the user should see: message, and a callable that retries it (or None). The server no longer accepts our credential; the message says why (and what will be finished). Keys fetched from the server ({token id: full key}), so views can show them once revealed. The signed-in account as last loaded (balance, usage); ``None`` when signed out.</extracomment>
        <translation>刷新令牌列表</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="265"/>
        <source>You are signed out.</source>
        <translation>您已退出登录。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="278"/>
        <source>The site did not return the key (the token may have been deleted).</source>
        <translation>站点未返回密钥（该令牌可能已被删除）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="315"/>
        <source>“{0}” is still being created; wait for that to finish.</source>
        <translation>“{0}”仍在创建中，请等待其完成。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_controller.py" line="339"/>
        <source>Created %n before the error: </source>
        <translation>
            <numerusform>出错前已创建 %n 个令牌：</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="342"/>
        <source>create “{0}”</source>
        <translation>创建“{0}”</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_controller.py" line="343"/>
        <source>create %n tokens</source>
        <translation>
            <numerusform>创建 %n 个令牌</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="479"/>
        <source>Sign in again to finish; what you entered is kept.</source>
        <translation>请重新登录以完成操作；你填写的内容已保留。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="371"/>
        <source>save the changes to “{0}”</source>
        <translation>保存对“{0}”的修改</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="404"/>
        <source>enable “{0}”</source>
        <translation>启用“{0}”</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="404"/>
        <source>disable “{0}”</source>
        <translation>禁用“{0}”</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_controller.py" line="406"/>
        <source>enable %n tokens</source>
        <translation>
            <numerusform>启用 %n 个令牌</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_controller.py" line="406"/>
        <source>disable %n tokens</source>
        <translation>
            <numerusform>禁用 %n 个令牌</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="434"/>
        <source>delete “{0}”</source>
        <translation>删除“{0}”</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_controller.py" line="435"/>
        <source>delete %n tokens</source>
        <translation>
            <numerusform>删除 %n 个令牌</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_controller.py" line="488"/>
        <source>After you sign in again, this is finished: {0}.</source>
        <translation>重新登录后将完成：{0}。</translation>
    </message>
</context>
<context>
    <name>TokenDialog</name>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="166"/>
        <source>&amp;Name:</source>
        <extracomment>Emitted with ``list[TokenDraft]`` when the user presses Create / Save and the form passed the local checks. The dialog stays open: the caller sends the drafts, then calls ``accept()``, or ``show_error()`` so the user can correct the form.</extracomment>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="169"/>
        <source>&amp;Expires:</source>
        <translation>过期时间(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="173"/>
        <source>&amp;Quota:</source>
        <translation>额度(&amp;Q)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="176"/>
        <source>&amp;How many:</source>
        <translation>数量(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="180"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="217"/>
        <source>e.g. laptop, CI, ChatBox</source>
        <translation>例如：笔记本、CI、ChatBox</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="221"/>
        <source>The site counts UTF-8 bytes: a Chinese character uses 3 of them.</source>
        <translation>站点按 UTF-8 字节计算长度：一个汉字占 3 个字节。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="232"/>
        <source>Number of tokens to create</source>
        <translation>要创建的令牌数量</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="233"/>
        <source>Create several tokens with the same settings at once.</source>
        <translation>按相同设置一次创建多个令牌。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="248"/>
        <source>&amp;Advanced</source>
        <translation>高级(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="252"/>
        <source>Model, IP and group restrictions</source>
        <translation>模型、IP 和分组限制</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="262"/>
        <source>&amp;Models:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="263"/>
        <source>Allowed &amp;IPs:</source>
        <translation>&amp;IP 白名单：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="266"/>
        <source>&amp;Group:</source>
        <translation>分组(&amp;G)：</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="298"/>
        <source>Add token</source>
        <translation>添加令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="301"/>
        <source>Edit token — {name}</source>
        <translation>编辑令牌 — {name}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="302"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="325"/>
        <source>{used} / {limit} bytes</source>
        <translation>{used} / {limit} 字节</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="341"/>
        <source>Names get “-1” … “-{count}”, counted in the byte limit.</source>
        <translation>名称会加上“-1”…“-{count}”后缀，计入字节上限。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="350"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_dialog.py" line="350"/>
        <source>Create %n tokens</source>
        <translation>
            <numerusform>创建 %n 个令牌</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_dialog.py" line="355"/>
        <source>Give the token a name.</source>
        <translation>请为令牌命名。</translation>
    </message>
</context>
<context>
    <name>TokenEditing</name>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="75"/>
        <source>Saved “{0}”.</source>
        <translation>已保存“{0}”。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="93"/>
        <source>Delete the token “{0}”?</source>
        <translation>删除令牌“{0}”？</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_editing.py" line="95"/>
        <source>Delete %n tokens?</source>
        <translation>
            <numerusform>删除 %n 个令牌？</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="96"/>
        <source>Delete token</source>
        <translation>删除令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="99"/>
        <source>Every app that uses its key stops working at once. This cannot be undone.</source>
        <translation>所有使用该密钥的应用都会立即失效。此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="101"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="123"/>
        <source>The search was cleared to show the new token.</source>
        <translation>已清除搜索条件，以显示新令牌。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="127"/>
        <source>Token “{0}” created.</source>
        <translation>已创建令牌“{0}”。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_editing.py" line="129"/>
        <source>Copy key</source>
        <translation>复制密钥</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_editing.py" line="131"/>
        <source>%n tokens created.</source>
        <translation>
            <numerusform>已创建 %n 个令牌。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_editing.py" line="134"/>
        <source>Copy %n keys</source>
        <translation>
            <numerusform>复制 %n 个密钥</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenLimits</name>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="41"/>
        <source>Filter models</source>
        <translation>筛选模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="47"/>
        <source>Allowed models</source>
        <translation>允许的模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="57"/>
        <source>None checked = all models.</source>
        <translation>不勾选 = 全部模型。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="68"/>
        <source>The site does not list this model right now.</source>
        <translation>站点目前未列出此模型。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="129"/>
        <source>Any IP. One IP or CIDR per line, e.g. 203.0.113.0/24</source>
        <translation>不限 IP。每行一个 IP 或 CIDR，例如 203.0.113.0/24</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="130"/>
        <source>One IP address or CIDR range per line (commas work too).</source>
        <translation>每行一个 IP 地址或 CIDR 网段（也可用逗号分隔）。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="174"/>
        <source>Your account&apos;s group</source>
        <translation>您账户的分组</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_limits.py" line="175"/>
        <source>Which group&apos;s channels and prices this token uses; empty = your own.</source>
        <translation>此令牌使用哪个分组的渠道和价格；留空 = 您账户的分组。</translation>
    </message>
</context>
<context>
    <name>TokenView</name>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="260"/>
        <source>Last 7 days: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>最近 7 天：&lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="281"/>
        <location filename="../../openkey_gui/ui/token_view.py" line="292"/>
        <source>Not signed in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="282"/>
        <source>Search by name, group, model or key  (Ctrl+F)</source>
        <translation>按名称、分组、模型或密钥搜索（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="283"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="283"/>
        <source>Enabled</source>
        <translation>已启用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="283"/>
        <source>Disabled</source>
        <translation>已禁用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="283"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="283"/>
        <source>Exhausted</source>
        <translation>已耗尽</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="286"/>
        <source>Show only tokens with this status</source>
        <translation>只显示此状态的令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="302"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; on &lt;b&gt;{1}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; Balance &lt;b&gt;{2}&lt;/b&gt; ({3} units) &amp;nbsp;·&amp;nbsp; Used {4} ({5})</source>
        <translation>&lt;b&gt;{1}&lt;/b&gt; 上的 &lt;b&gt;{0}&lt;/b&gt; &amp;nbsp;·&amp;nbsp; 余额 &lt;b&gt;{2}&lt;/b&gt;（{3} 点）&amp;nbsp;·&amp;nbsp; 已用额度 {4}（{5} 点）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="307"/>
        <source> &amp;nbsp;·&amp;nbsp; Signed in until {0}</source>
        <translation> &amp;nbsp;·&amp;nbsp; 登录有效期至 {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="331"/>
        <source>1 token</source>
        <translation>1 个令牌</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/token_view.py" line="331"/>
        <source>%n tokens</source>
        <translation>
            <numerusform>%n 个令牌</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="332"/>
        <source>{0} of {1} tokens</source>
        <translation>{0} / {1} 个令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="344"/>
        <source>No tokens match “{0}”.</source>
        <translation>没有与“{0}”匹配的令牌。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/token_view.py" line="345"/>
        <source>No tokens have this status.</source>
        <translation>没有此状态的令牌。</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/tray.py" line="169"/>
        <source>All tokens (%n)</source>
        <extracomment>Emitted once the icon is actually shown (possibly after retries).</extracomment>
        <translation>
            <numerusform>全部令牌（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="175"/>
        <source>This account</source>
        <translation>当前账户</translation>
    </message>
    <message numerus="yes">
        <location filename="../../openkey_gui/ui/tray.py" line="176"/>
        <source>{0} (%n)</source>
        <translation>
            <numerusform>{0}（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="188"/>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="200"/>
        <source>Test key</source>
        <translation>测试密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="203"/>
        <location filename="../../openkey_gui/ui/tray.py" line="213"/>
        <source>No usable tokens</source>
        <translation>没有可用的令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="208"/>
        <source>Test the key of “{0}”</source>
        <translation>测试“{0}”的密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="237"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="241"/>
        <source>Copy the key of “{0}”</source>
        <translation>复制“{0}”的密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="280"/>
        <source>OpenKey Desktop — not signed in</source>
        <translation>OpenKey Desktop — 未登录</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="287"/>
        <source>balance {0}</source>
        <translation>余额 {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/tray.py" line="291"/>
        <source>Clipboard clears in {0} s</source>
        <translation>剪贴板将在 {0} 秒后清除</translation>
    </message>
</context>
<context>
    <name>UsagePanel</name>
    <message>
        <location filename="../../openkey_gui/ui/usage_panel.py" line="138"/>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
</context>
<context>
    <name>UsageView</name>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="258"/>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="259"/>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="260"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="261"/>
        <source>Read the figures again from the site</source>
        <translation>从站点重新读取数据</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="262"/>
        <source>By model</source>
        <translation>按模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="263"/>
        <source>Recent requests</source>
        <translation>最近请求</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="264"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="264"/>
        <source>Requests</source>
        <translation>请求数</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="264"/>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="265"/>
        <source>Completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="265"/>
        <source>Cost</source>
        <translation>花费</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="265"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="292"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="317"/>
        <source>&lt;b&gt;Whole account&lt;/b&gt;</source>
        <translation>&lt;b&gt;整个账户&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="319"/>
        <source>&lt;b&gt;Token “{0}”&lt;/b&gt;</source>
        <translation>&lt;b&gt;令牌“{0}”&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="345"/>
        <source>Could not read the usage: {0}</source>
        <translation>无法读取用量：{0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="350"/>
        <source>as of {0}</source>
        <translation>截至 {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="355"/>
        <source>Spent {0} in {1} days · {2} requests</source>
        <translation>{1} 天内花费 {0} · {2} 次请求</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="356"/>
        <source>Spent {0} in {1} days</source>
        <translation>{1} 天内花费 {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="358"/>
        <source>Nothing spent in this period.</source>
        <translation>这段时间没有花费。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="365"/>
        <source>{0} (UTC)</source>
        <translation>{0}（UTC）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="366"/>
        <source>Spent {0} ({1} units)</source>
        <translation>花费 {0}（{1} 点）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="368"/>
        <source>1 request</source>
        <translation>1 次请求</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="368"/>
        <source>{0} requests</source>
        <translation>{0} 次请求</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="390"/>
        <source>The split by model covers the last {0} days: the site keeps no more.</source>
        <translation>按模型的分布只涵盖最近 {0} 天：站点不提供更早的数据。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="393"/>
        <source>The split by model is of the newest requests only; the days are exact.</source>
        <translation>按模型的分布只统计了最新的请求；每天的花费是准确的。</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/usage_view.py" line="395"/>
        <source>The site sums prompt and completion tokens together.</source>
        <translation>该站点只提供提示与补全的合计 token 数。</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="25"/>
        <source>&amp;Add token…</source>
        <translation>添加令牌(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="25"/>
        <source>Create a new token</source>
        <translation>创建新令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="26"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="26"/>
        <source>Edit the selected token</source>
        <translation>编辑所选令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="28"/>
        <source>E&amp;nable</source>
        <translation>启用(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="28"/>
        <source>Enable the selected tokens</source>
        <translation>启用所选令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="30"/>
        <source>&amp;Disable</source>
        <translation>禁用(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="31"/>
        <source>Disable the selected tokens</source>
        <translation>禁用所选令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="32"/>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="32"/>
        <source>Delete the selected tokens</source>
        <translation>删除所选令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="34"/>
        <source>&amp;Copy key</source>
        <translation>复制密钥(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="34"/>
        <source>Copy the selected token&apos;s full key</source>
        <translation>复制所选令牌的完整密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="36"/>
        <source>&amp;Show key</source>
        <translation>显示密钥(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="37"/>
        <source>Show or hide the selected token&apos;s key in the table</source>
        <translation>在表格中显示或隐藏所选令牌的密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="38"/>
        <source>Copy API &amp;base URL</source>
        <translation>复制 API 基础地址(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="39"/>
        <source>Copy the API base URL for SDKs</source>
        <translation>复制供 SDK 使用的 API 基础地址</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="40"/>
        <source>&amp;.env block</source>
        <translation>&amp;.env 配置</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="41"/>
        <source>c&amp;url command</source>
        <translation>c&amp;url 命令</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="42"/>
        <source>&amp;Python (openai)</source>
        <translation>&amp;Python 代码 (openai)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="43"/>
        <source>&amp;Test key…</source>
        <translation>测试密钥(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="44"/>
        <source>Ask the site whether the selected token&apos;s key works, and what it may use</source>
        <translation>向站点查询所选令牌的密钥是否可用，以及可以使用哪些模型</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="46"/>
        <source>R&amp;otate key…</source>
        <translation>更换密钥(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="47"/>
        <source>Replace the selected token&apos;s key with a new one of the same settings</source>
        <translation>用相同设置的新令牌替换所选令牌的密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="48"/>
        <source>E&amp;xport keys…</source>
        <translation>导出密钥(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="49"/>
        <source>Export the selected tokens&apos; keys as .env lines or CSV</source>
        <translation>将所选令牌的密钥导出为 .env 行或 CSV</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="50"/>
        <source>&amp;Models and prices…</source>
        <translation>模型与价格(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="51"/>
        <source>The site&apos;s models, their prices and which tokens may use each</source>
        <translation>站点的模型、价格，以及每个模型可由哪些令牌使用</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="52"/>
        <source>&amp;Usage</source>
        <translation>用量(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="53"/>
        <source>What the selected token, or the whole account, cost per day and per model</source>
        <translation>所选令牌（或整个账户）每天、每个模型的花费</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="55"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="55"/>
        <source>Reload tokens and balance</source>
        <translation>重新加载令牌和余额</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="57"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="58"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="59"/>
        <source>Add &amp;account…</source>
        <translation>添加账户(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="60"/>
        <source>Signed-in &amp;devices…</source>
        <translation>已登录的设备(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="61"/>
        <source>See where this account is signed in, and sign other devices out</source>
        <translation>查看此账户在哪些设备上登录，并让其他设备退出</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="62"/>
        <source>E&amp;xport accounts…</source>
        <translation>导出账户(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="63"/>
        <source>Save the account list (no passwords or tokens) to a file</source>
        <translation>将账户列表保存到文件（不含密码和令牌）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="64"/>
        <source>&amp;Import accounts…</source>
        <translation>导入账户(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="65"/>
        <source>Add the accounts of an exported account list, signed out</source>
        <translation>添加导出的账户列表中的账户（未登录）</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="66"/>
        <source>Quic&amp;k access…</source>
        <translation>快速访问(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="67"/>
        <source>Find a token by typing part of its name and copy its key</source>
        <translation>输入名称的一部分查找令牌并复制其密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="68"/>
        <source>&amp;Check in</source>
        <translation>签到(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="69"/>
        <source>Check in on the site for today&apos;s free quota</source>
        <translation>在站点签到，领取今天的免费额度</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="70"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="71"/>
        <source>&amp;About OpenKey Desktop</source>
        <translation>关于 OpenKey Desktop(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="72"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="73"/>
        <source>&amp;Pin to tray</source>
        <translation>固定到托盘(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="74"/>
        <source>Show the selected token at the top of the tray menu</source>
        <translation>在托盘菜单顶部显示所选令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="76"/>
        <source>Show / hide window</source>
        <translation>显示 / 隐藏窗口</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="77"/>
        <source>Clear clipboard now</source>
        <translation>立即清除剪贴板</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="78"/>
        <source>Remove the copied key from the clipboard now</source>
        <translation>立即从剪贴板移除已复制的密钥</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="80"/>
        <source>R&amp;efresh all accounts</source>
        <translation>刷新所有账户(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="81"/>
        <source>Reload every account&apos;s balance and tokens</source>
        <translation>重新加载每个账户的余额和令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="82"/>
        <source>Re&amp;name account…</source>
        <translation>重命名账户(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="83"/>
        <source>Give the account your own name in the sidebar</source>
        <translation>在侧栏中为账户起自己的名字</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="84"/>
        <source>Remo&amp;ve account…</source>
        <translation>移除账户(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="85"/>
        <source>Sign the account out and forget it on this computer</source>
        <translation>退出该账户并在本机忘记它</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="86"/>
        <source>Move account &amp;up</source>
        <translation>上移账户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="87"/>
        <source>Move account do&amp;wn</source>
        <translation>下移账户(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="89"/>
        <source>Account {0}</source>
        <translation>账户 {0}</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/actions.py" line="91"/>
        <source>Cop&amp;y as</source>
        <translation>复制为(&amp;Y)</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <location filename="../../openkey_gui/ui/menus.py" line="76"/>
        <location filename="../../openkey_gui/ui/menus.py" line="81"/>
        <source>Tokens</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/menus.py" line="102"/>
        <source>&amp;Account</source>
        <translation>账户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/menus.py" line="103"/>
        <source>&amp;Token</source>
        <translation>令牌(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/menus.py" line="112"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/menus.py" line="116"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/menus.py" line="119"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../openkey_gui/ui/menus.py" line="124"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
</context>
</TS>
