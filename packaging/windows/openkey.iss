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
; * Settings are never touched: the app keeps them in the registry (HKCU\Software\OpenKey) and the
;   remembered sign-in in Windows Credential Manager, both outside {app}; upgrades and uninstalls keep them.
; * The language follows Windows' display language (English or Chinese (Simplified)); Setup asks only
;   when it matches neither. ChineseSimplified.isl is the project's own translation (Inno Setup ships none).

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
