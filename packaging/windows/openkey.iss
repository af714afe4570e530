; OpenKey Desktop — Windows installer (Inno Setup 6).
;
; Build, from the repository root, after `pyinstaller build.spec` made dist\OpenKeyDesktop\:
;     iscc /DAppVersion=0.1.0 packaging\windows\openkey.iss
; Output: dist\installer\OpenKeyDesktop-<version>-windows-x64-setup.exe
;
; Why it is written this way:
; * Per-user, no administrator: PrivilegesRequired=lowest makes {autopf} mean the user's own
;   %LOCALAPPDATA%\Programs and the shortcuts go to the user's Start menu and desktop. No UAC prompt.
; * The AppId below never changes: it is how Setup recognises an installed copy, so a newer installer
;   upgrades in place (same folder, same Start-menu entry, one "Apps & features" entry).
; * User data lives outside {app}: settings in the registry (HKCU\Software\OpenKey\OpenKey Desktop),
;   the log in %LOCALAPPDATA%\OpenKey\OpenKey Desktop\logs, remembered sign-ins in Windows Credential
;   Manager (generic credentials "OpenKey Desktop" and "<account>@OpenKey Desktop", as Python's keyring
;   names them). Upgrades never touch it. Uninstalling keeps it by default, so that a reinstall finds
;   everything as it was; the uninstaller asks whether to remove it too (default: No), and a silent
;   uninstall removes it only when given /PURGE:  unins000.exe /VERYSILENT /PURGE
; * The language follows Windows' display language (English or Chinese (Simplified)); Setup asks only
;   when it matches neither. ChineseSimplified.isl is the project's own translation (Inno Setup ships none).
;
; CI: scripts/ci_windows_wine.sh builds, installs, upgrades and uninstalls (with and without /PURGE) this
; installer under Wine on every commit; the release workflow does the same on real Windows.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z packaging\windows\openkey.iss
#endif
; VersionInfoVersion must be numeric (a.b.c.d); pass /DAppNumericVersion=... for a pre-release AppVersion.
#ifndef AppNumericVersion
  #define AppNumericVersion AppVersion
#endif
; The PyInstaller onedir, relative to this script (override with /DDistDir=...).
#ifndef DistDir
  #define DistDir "..\..\dist\OpenKeyDesktop"
#endif
#define AppName "OpenKey Desktop"
#define AppExeName "OpenKeyDesktop.exe"
#define AppPublisher "OpenKey"
#define AppURL "https://openkey.cloud"

[Setup]
; The doubled brace escapes "{" (Inno Setup reads "{{" as a literal brace). Never change this GUID.
AppId={{20F29AFE-64BE-4773-B953-36D0ED63C2C6}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
#ifdef SignToolName
; The release workflow defines SignToolName (and the tool itself with /S) only when a certificate exists.
SignTool={#SignToolName}
SignedUninstaller=yes
#endif
AppPublisherURL={#AppURL}
AppSupportURL={#AppURL}
VersionInfoVersion={#AppNumericVersion}
VersionInfoProductName={#AppName}
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later.
MinVersion=10.0
OutputDir=..\..\dist\installer
OutputBaseFilename=OpenKeyDesktop-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\openkey.ico
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; An upgrade closes a running OpenKey Desktop first (Restart Manager) instead of failing on locked files.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[CustomMessages]
english.PurgeUserDataQuestion=Also remove your OpenKey Desktop settings, log files and remembered sign-ins from this computer?%n%nChoose No to keep them for a later reinstall.
chinesesimplified.PurgeUserDataQuestion=是否同时删除此计算机上 OpenKey Desktop 的设置、日志文件和已记住的登录信息？%n%n选择“否”将保留它们，以后重新安装时可以继续使用。

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; Replace the bundle wholesale on upgrade, so that no library of an older build lingers next to the new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

[Code]
// Removing user data at uninstall: only when asked (see the header). Names must match the app's:
// QSettings("OpenKey", "OpenKey Desktop"), openkey_gui.logging_setup.default_log_dir() and
// openkey_gui.credentials.SERVICE.
const
  SettingsKey = 'Software\OpenKey\OpenKey Desktop';
  SettingsParentKey = 'Software\OpenKey';
  KeyringService = 'OpenKey Desktop';
  CRED_TYPE_GENERIC = 1;

var
  PurgeUserData: Boolean;

// Credential Manager through advapi32. Inno Setup 6's Setup and uninstaller are 32-bit processes, so a
// pointer is a Cardinal and CREDENTIALW has Type at offset 4 and TargetName at offset 8.
function CredEnumerateW(Filter: Cardinal; Flags: Cardinal; var Count: Cardinal; var Credentials: Cardinal): Cardinal;
  external 'CredEnumerateW@advapi32.dll stdcall';
function CredDeleteW(TargetName: Cardinal; CredType: Cardinal; Flags: Cardinal): Cardinal;
  external 'CredDeleteW@advapi32.dll stdcall';
procedure CredFree(Buffer: Cardinal);
  external 'CredFree@advapi32.dll stdcall';
procedure CopyToCardinal(var Dest: Cardinal; Source: Cardinal; Length: Cardinal);
  external 'RtlMoveMemory@kernel32.dll stdcall';
function lstrlenW(S: Cardinal): Integer;
  external 'lstrlenW@kernel32.dll stdcall';
function lstrcmpiW(S1: Cardinal; S2: String): Integer;
  external 'lstrcmpiW@kernel32.dll stdcall';

function CardinalAt(Address: Cardinal): Cardinal;
begin
  Result := 0;
  CopyToCardinal(Result, Address, 4);
end;

// keyring's Windows backend stores one account under the service name itself and the others under
// "<account>@<service>".
function IsOurCredential(Target: Cardinal): Boolean;
var
  Len, SuffixLen: Integer;
begin
  Result := False;
  if Target = 0 then
    Exit;
  if lstrcmpiW(Target, KeyringService) = 0 then
    Result := True
  else
  begin
    Len := lstrlenW(Target);
    SuffixLen := Length('@' + KeyringService);
    if Len > SuffixLen then
      Result := lstrcmpiW(Target + Cardinal((Len - SuffixLen) * 2), '@' + KeyringService) = 0;
  end;
end;

procedure ForgetRememberedSignIns;
var
  Count, Credentials, Credential, I, Removed: Cardinal;
begin
  Count := 0;
  Credentials := 0;
  Removed := 0;
  if CredEnumerateW(0, 0, Count, Credentials) = 0 then
  begin
    Log('Credential Manager: nothing to enumerate');
    Exit;
  end;
  try
    for I := 0 to Count - 1 do
    begin
      Credential := CardinalAt(Credentials + I * 4);
      if (CardinalAt(Credential + 4) = CRED_TYPE_GENERIC) and IsOurCredential(CardinalAt(Credential + 8)) then
        if CredDeleteW(CardinalAt(Credential + 8), CRED_TYPE_GENERIC, 0) <> 0 then
          Removed := Removed + 1;
    end;
  finally
    CredFree(Credentials);
  end;
  Log(Format('Credential Manager: removed %d remembered sign-in(s)', [Removed]));
end;

procedure RemoveUserData;
var
  DataDir: String;
begin
  if RegKeyExists(HKCU, SettingsKey) then
  begin
    if RegDeleteKeyIncludingSubkeys(HKCU, SettingsKey) then
      Log('Removed the settings: HKCU\' + SettingsKey)
    else
      Log('Could not remove the settings: HKCU\' + SettingsKey);
  end;
  RegDeleteKeyIfEmpty(HKCU, SettingsParentKey);
  DataDir := ExpandConstant('{localappdata}\OpenKey\OpenKey Desktop');
  if DirExists(DataDir) then
  begin
    if DelTree(DataDir, True, True, True) then
      Log('Removed the log folder: ' + DataDir)
    else
      Log('Could not remove the log folder: ' + DataDir);
  end;
  RemoveDir(ExpandConstant('{localappdata}\OpenKey'));  // only when empty
  ForgetRememberedSignIns;
end;

function PurgeParamGiven: Boolean;
var
  I: Integer;
begin
  Result := False;
  for I := 1 to ParamCount do
    if CompareText(ParamStr(I), '/PURGE') = 0 then
      Result := True;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usUninstall then
  begin
    PurgeUserData := PurgeParamGiven;
    if not PurgeUserData and not UninstallSilent then
      PurgeUserData := MsgBox(CustomMessage('PurgeUserDataQuestion'), mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if PurgeUserData then
      Log('User data: removing (settings, log folder, remembered sign-ins)')
    else
      Log('User data: kept (settings, log folder, remembered sign-ins); uninstall with /PURGE to remove it');
  end
  else if (CurUninstallStep = usPostUninstall) and PurgeUserData then
    RemoveUserData;
end;
