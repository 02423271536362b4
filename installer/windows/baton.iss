; Baton: Windows installer (Inno Setup 6.3 or newer).
;
; Build the one-folder app first, then compile this script (installer/README.md):
;     make dist
;     "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" installer\windows\baton.iss
; The setup program lands in dist\installer\Baton-Setup-<version>.exe.
;
; The version comes from the app: the version resource PyInstaller writes into Baton.exe from
; desktop/__init__.py (see installer/baton.spec). ISCC /DAppVersion=x.y.z overrides it.
;
; Per-machine install into Program Files. The data folder (%LOCALAPPDATA%\Baton: the encrypted
; database, key files, backups, logs) belongs to each Windows user and is NOT removed on
; uninstall, unless the user ticks the box on the uninstaller's first page.
;
; This file is UTF-8 with a BOM (it holds Chinese text); keep it so.

#define AppName "Baton"
#define BundleDir "..\..\dist\Baton"
#define AppExe "Baton.exe"

#ifndef AppVersion
  #define AppVersion GetStringFileInfo(AddBackslash(SourcePath) + BundleDir + "\" + AppExe, "ProductVersion")
#endif
#if AppVersion == ""
  #error Cannot read the version from dist\Baton\Baton.exe: run "make dist" first, or pass /DAppVersion=x.y.z
#endif

; Chinese (Simplified) setup pages. ChineseSimplified.isl is an UNOFFICIAL Inno Setup
; translation: it is not shipped with Inno Setup 6, so it is optional. Download it from the
; translations page of the Inno Setup website and put it either into Inno Setup's Languages\
; folder or next to this script; without it the setup is built in English only.
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
  #define ChineseIsl AddBackslash(SourcePath) + "ChineseSimplified.isl"
#elif FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
  #define ChineseIsl "compiler:Languages\ChineseSimplified.isl"
#endif

[Setup]
; AppId identifies Baton for upgrades and the uninstaller: never change it.
AppId={{B6DBB700-B9C8-43C4-A9B7-E75D463D4CD7}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Baton
VersionInfoVersion={#GetVersionNumbersString(AddBackslash(SourcePath) + BundleDir + "\" + AppExe)}
DefaultDirName={autopf}\Baton
DefaultGroupName=Baton
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
WizardStyle=modern
ShowLanguageDialog=auto
SetupIconFile=..\..\resources\icons\baton.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist\installer
OutputBaseFilename=Baton-Setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
; Upgrades replace a running copy only after asking to close it.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
#ifdef ChineseIsl
Name: "zh_CN"; MessagesFile: "{#ChineseIsl}"
#endif

[CustomMessages]
en.DataPageTitle=Your Baton data
en.DataPageDescription=Choose whether to keep the data folder.
en.DataPageText=The program will be removed. Your data folder stays, so a later installation opens the same database:%n%n%1%n%nIt holds the encrypted database, its key files, the automatic backups and the logs. Before deleting it, copy a backup (*.batonbak) to another disk if the data may be needed again.
en.DeleteDataCheck=Also delete the data folder, with the database and all backups in it (cannot be undone)
en.UninstallButton=&Uninstall
#ifdef ChineseIsl
zh_CN.DataPageTitle=您的 Baton 数据
zh_CN.DataPageDescription=请选择是否保留数据文件夹。
zh_CN.DataPageText=将卸载程序本身。数据文件夹会保留，以后重新安装时可打开同一数据库：%n%n%1%n%n其中包含加密数据库、密钥文件、自动备份和日志。若以后可能还需要这些数据，请先把一份备份（*.batonbak）复制到其他磁盘，再删除。
zh_CN.DeleteDataCheck=同时删除数据文件夹及其中的数据库和全部备份（无法恢复）
zh_CN.UninstallButton=卸载(&U)
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Baton"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\Baton"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Started as the user who ran the setup (not the elevated account): the data folder is theirs.
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,Baton}"; Flags: nowait postinstall skipifsilent runasoriginaluser

[UninstallDelete]
; Bytecode caches Python may leave next to the Alembic migrations when run as administrator.
Type: filesandordirs; Name: "{app}\_internal\desktop\storage\migrations\__pycache__"
Type: filesandordirs; Name: "{app}\_internal\desktop\storage\migrations\versions\__pycache__"

[Code]
var
  DeleteDataCheckBox: TNewCheckBox;

function DataDir(): String;
begin
  { platformdirs puts the vault in %LOCALAPPDATA%\Baton\Baton; remove the whole Baton folder. }
  Result := ExpandConstant('{localappdata}\Baton');
end;

{ A page before the uninstall starts, with the "delete data" box unticked: the data stays unless
  the user asks. Silent uninstalls never delete data. }
procedure InitializeUninstallProgressForm();
var
  Page: TNewNotebookPage;
  Text: TNewStaticText;
  UninstallButton: TNewButton;
  OldPageName, OldPageDescription: String;
  OldCancelEnabled: Boolean;
  OldCancelResult: Integer;
begin
  if UninstallSilent() then
    Exit;

  Page := TNewNotebookPage.Create(UninstallProgressForm);
  Page.Notebook := UninstallProgressForm.InnerNotebook;
  Page.Parent := UninstallProgressForm.InnerNotebook;
  Page.Align := alClient;

  Text := TNewStaticText.Create(UninstallProgressForm);
  Text.Parent := Page;
  Text.Left := UninstallProgressForm.StatusLabel.Left;
  Text.Top := UninstallProgressForm.StatusLabel.Top;
  Text.Width := UninstallProgressForm.StatusLabel.Width;
  Text.Height := ScaleY(120);
  Text.AutoSize := False;
  Text.WordWrap := True;
  Text.Caption := FmtMessage(CustomMessage('DataPageText'), [DataDir()]);

  DeleteDataCheckBox := TNewCheckBox.Create(UninstallProgressForm);
  DeleteDataCheckBox.Parent := Page;
  DeleteDataCheckBox.Left := Text.Left;
  DeleteDataCheckBox.Top := Text.Top + Text.Height + ScaleY(12);
  DeleteDataCheckBox.Width := Text.Width;
  DeleteDataCheckBox.Height := ScaleY(34);
  DeleteDataCheckBox.Caption := CustomMessage('DeleteDataCheck');
  DeleteDataCheckBox.Checked := False;

  UninstallProgressForm.InnerNotebook.ActivePage := Page;
  OldPageName := UninstallProgressForm.PageNameLabel.Caption;
  OldPageDescription := UninstallProgressForm.PageDescriptionLabel.Caption;
  UninstallProgressForm.PageNameLabel.Caption := CustomMessage('DataPageTitle');
  UninstallProgressForm.PageDescriptionLabel.Caption := CustomMessage('DataPageDescription');

  UninstallButton := TNewButton.Create(UninstallProgressForm);
  UninstallButton.Parent := UninstallProgressForm;
  UninstallButton.Width := UninstallProgressForm.CancelButton.Width;
  UninstallButton.Height := UninstallProgressForm.CancelButton.Height;
  UninstallButton.Top := UninstallProgressForm.CancelButton.Top;
  UninstallButton.Left := UninstallProgressForm.CancelButton.Left - UninstallButton.Width - ScaleX(10);
  UninstallButton.Caption := CustomMessage('UninstallButton');
  UninstallButton.Default := True;
  UninstallButton.ModalResult := mrOK;

  OldCancelEnabled := UninstallProgressForm.CancelButton.Enabled;
  OldCancelResult := UninstallProgressForm.CancelButton.ModalResult;
  UninstallProgressForm.CancelButton.Enabled := True;
  UninstallProgressForm.CancelButton.ModalResult := mrCancel;

  if UninstallProgressForm.ShowModal() = mrCancel then
    Abort();

  { Back to the ordinary progress page for the uninstall itself. }
  UninstallButton.Visible := False;
  UninstallProgressForm.CancelButton.Enabled := OldCancelEnabled;
  UninstallProgressForm.CancelButton.ModalResult := OldCancelResult;
  UninstallProgressForm.PageNameLabel.Caption := OldPageName;
  UninstallProgressForm.PageDescriptionLabel.Caption := OldPageDescription;
  UninstallProgressForm.InnerNotebook.ActivePage := UninstallProgressForm.InstallingPage;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (DeleteDataCheckBox <> nil) then
    if DeleteDataCheckBox.Checked then
      DelTree(DataDir(), True, True, True);
end;
