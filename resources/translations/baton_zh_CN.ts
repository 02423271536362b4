<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>The administrator manages accounts, keys and backups. Choose a password of at least 8 characters; it cannot be recovered, only replaced with the recovery key.</source>
        <translation>管理员负责账户、密钥和备份。请设置至少 8 个字符的密码；密码无法找回，只能用恢复密钥重新设置。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Search user, action or record…</source>
        <translation>搜索用户、操作或记录…</translation>
    </message>
    <message>
        <source>Verify audit chain</source>
        <translation>校验审计链</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>审计</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>修改前：</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>修改后：</translation>
    </message>
    <message>
        <source>The audit chain is intact (%1 events).</source>
        <translation>审计链完整（%1 条事件）。</translation>
    </message>
    <message>
        <source>The audit chain is broken at event %1: it was altered or removed.</source>
        <translation>审计链在第 %1 条事件处断开：该事件被修改或删除。</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>Your company</source>
        <translation>贵公司</translation>
    </message>
    <message>
        <source>Baton keeps the firm's staff, customers and handovers in an encrypted database on this PC. Nothing is sent to the internet.</source>
        <translation>Baton 将公司的员工、客户和交接记录保存在本机的加密数据库中，不会向互联网发送任何数据。</translation>
    </message>
    <message>
        <source>e.g. 上海迅达物流有限公司</source>
        <translation>例如：上海迅达物流有限公司</translation>
    </message>
    <message>
        <source>One branch per line, e.g.
上海总部
广州分公司</source>
        <translation>每行一个分公司/网点，例如：
上海总部
广州分公司</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>分公司/网点</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>Creating the encrypted vault</source>
        <translation>正在创建加密数据库</translation>
    </message>
    <message>
        <source>Generating the keys and the database…</source>
        <translation>正在生成密钥和数据库…</translation>
    </message>
    <message>
        <source>I have printed or saved the recovery sheet and will keep it locked away.</source>
        <translation>我已打印或保存恢复密钥表，并会将其锁好保管。</translation>
    </message>
    <message>
        <source>Your recovery key</source>
        <translation>您的恢复密钥</translation>
    </message>
    <message>
        <source>The vault is ready. This recovery key is shown only now. With it an administrator's password can be replaced if it is forgotten; without it and the passwords, the data cannot be opened by anyone. Print the recovery sheet and keep it locked away.</source>
        <translation>加密数据库已创建。此恢复密钥只显示这一次。忘记管理员密码时可用它重新设置密码；若密码和恢复密钥都丢失，任何人都无法打开数据。请打印恢复密钥表并锁好保管。</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Active accounts</source>
        <translation>在用账户</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>分公司/网点</translation>
    </message>
    <message>
        <source>Audit events</source>
        <translation>审计事件</translation>
    </message>
    <message>
        <source>Last backup</source>
        <translation>最近备份</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Encrypted vault %1 · database key %2</source>
        <translation>加密数据库 %1 · 数据库密钥 %2</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Setting {name} must be of type {type}.</source>
        <translation>设置项 {name} 的类型必须是 {type}。</translation>
    </message>
    <message>
        <source>Setting {name} must be at least {minimum}.</source>
        <translation>设置项 {name} 不能小于 {minimum}。</translation>
    </message>
    <message>
        <source>Setting {name} must be at most {maximum}.</source>
        <translation>设置项 {name} 不能大于 {maximum}。</translation>
    </message>
    <message>
        <source>Setting {name} must be one of: {choices}.</source>
        <translation>设置项 {name} 只能是以下之一：{choices}。</translation>
    </message>
    <message>
        <source>Baton</source>
        <translation>Baton</translation>
    </message>
    <message>
        <source>the log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Baton met an unexpected problem and stopped this action. Your saved data is safe: every change is saved in one transaction, and this one was not completed.</source>
        <translation>Baton 遇到意外问题，已停止此操作。已保存的数据是安全的：每项修改都在一个事务中保存，本次修改未完成，不会留下半截数据。</translation>
    </message>
    <message>
        <source>What happened: %1
The details are in the log: %2</source>
        <translation>发生了什么：%1
详细信息见日志：%2</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <extracomment>Translation context shared by every error message of the core. Process exit code when this error ends a CLI command.</extracomment>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Your role ({role}) does not allow this: {action}.</source>
        <translation>您的角色（{role}）无权执行此操作：{action}。</translation>
    </message>
    <message>
        <source>A user name has 2 to 32 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.</source>
        <translation>用户名为 2 到 32 个字符：小写字母、数字、“.”、“_”或“-”，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>Enter the person's name (at most 128 characters).</source>
        <translation>请输入姓名（最多 128 个字符）。</translation>
    </message>
    <message>
        <source>Unknown role {role}: choose one of {roles}.</source>
        <translation>未知角色 {role}：请从 {roles} 中选择。</translation>
    </message>
    <message>
        <source>There is no user named {username}.</source>
        <translation>没有名为 {username} 的用户。</translation>
    </message>
    <message>
        <source>The user name {username} is taken.</source>
        <translation>用户名 {username} 已被使用。</translation>
    </message>
    <message>
        <source>{username} is the last enabled administrator and must stay enabled.</source>
        <translation>{username} 是最后一个在用的管理员，不能停用。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账户。</translation>
    </message>
    <message>
        <source>The new password must differ from the old one.</source>
        <translation>新密码必须与旧密码不同。</translation>
    </message>
    <message>
        <source>You cannot remove your own account.</source>
        <translation>不能删除自己的账户。</translation>
    </message>
    <message>
        <source>Too many failed attempts: wait {seconds} s before trying again.</source>
        <translation>失败次数过多：请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>Wrong user name or password. Wait {seconds} s before the next try.</source>
        <translation>用户名或密码错误。请等待 {seconds} 秒后再试。</translation>
    </message>
    <message>
        <source>The account {username} is disabled. Ask an administrator.</source>
        <translation>账户 {username} 已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>{username} is not an administrator account of this vault.</source>
        <translation>{username} 不是本数据库的管理员账户。</translation>
    </message>
    <message>
        <source>This backup was made under an earlier database key. Restore it from the command line with a password that was valid then: baton restore FILE.</source>
        <translation>此备份是用更早的数据库密钥制作的。请在命令行中用当时有效的密码恢复：baton restore 文件。</translation>
    </message>
    <message>
        <source>Enter the company name (at most 200 characters).</source>
        <translation>请输入公司名称（最多 200 个字符）。</translation>
    </message>
    <message>
        <source>The branch {name} is listed twice.</source>
        <translation>分公司 {name} 重复填写了。</translation>
    </message>
    <message>
        <source>A branch name has at most 200 characters.</source>
        <translation>分公司名称最多 200 个字符。</translation>
    </message>
    <message>
        <source>The backup copy failed its checks and was discarded: {problem}</source>
        <translation>备份副本未通过校验，已丢弃：{problem}</translation>
    </message>
    <message>
        <source>The backup file failed its read-back check ({part}).</source>
        <translation>备份文件回读校验失败（{part}）。</translation>
    </message>
    <message>
        <source>{file} is not a Baton backup, or it is damaged.</source>
        <translation>{file} 不是 Baton 备份，或已损坏。</translation>
    </message>
    <message>
        <source>This backup was made under another database key (before a key rotation, or from another vault). Unlock it with a password that was valid when it was made.</source>
        <translation>此备份使用的是另一个数据库密钥（更换密钥之前，或来自另一个数据库）。请用制作备份时有效的密码解锁。</translation>
    </message>
    <message>
        <source>The backup {file} is damaged and was not used ({problem}). Nothing was replaced.</source>
        <translation>备份 {file} 已损坏，未被使用（{problem}）。没有替换任何数据。</translation>
    </message>
    <message>
        <source>The database file {file} cannot be read with this vault's key: it is damaged, truncated, or belongs to another vault. Restore a backup (Settings → Backups, or baton restore).</source>
        <translation>无法用本数据库的密钥读取数据库文件 {file}：文件已损坏、被截断，或属于另一个数据库。请恢复备份（设置 → 备份，或 baton restore）。</translation>
    </message>
    <message>
        <source>The database file {file} is empty (0 bytes): it was truncated. Restore a backup (Settings → Backups, or baton restore).</source>
        <translation>数据库文件 {file} 为空（0 字节）：文件已被截断。请恢复备份（设置 → 备份，或 baton restore）。</translation>
    </message>
    <message>
        <source>The file {file} is a plain, unencrypted SQLite database, not a Baton vault.</source>
        <translation>文件 {file} 是未加密的普通 SQLite 数据库，不是 Baton 加密数据库。</translation>
    </message>
    <message>
        <source>The disk is full: nothing was saved. Free some space and try again.</source>
        <translation>磁盘已满：没有保存任何内容。请释放空间后重试。</translation>
    </message>
    <message>
        <source>Writing failed: {error}</source>
        <translation>写入失败：{error}</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Baton (schema {revision}). Install that version or newer to open it.</source>
        <translation>此数据库由更新版本的 Baton 写入（架构 {revision}）。请安装该版本或更新版本后再打开。</translation>
    </message>
    <message>
        <source>The vault is busy (a restore or key rotation is running). Try again.</source>
        <translation>数据库正忙（正在恢复或更换密钥），请稍后再试。</translation>
    </message>
    <message>
        <source>Another Baton window or command has this vault open. Close it and try again.</source>
        <translation>另一个 Baton 窗口或命令正在使用此数据库。请关闭后重试。</translation>
    </message>
    <message>
        <source>The key file is here but the database file {file} is missing. Restore a backup.</source>
        <translation>密钥文件存在，但数据库文件 {file} 丢失。请恢复备份。</translation>
    </message>
    <message>
        <source>The database is damaged ({problem}). Baton will not write to it. Restore a backup (Settings → Backups, or baton restore).</source>
        <translation>数据库已损坏（{problem}）。Baton 不会再向其写入。请恢复备份（设置 → 备份，或 baton restore）。</translation>
    </message>
    <message>
        <source>The re-encrypted copy did not match the original; nothing was changed.</source>
        <translation>重新加密的副本与原数据不一致；没有做任何修改。</translation>
    </message>
    <message>
        <source>This backup belongs to another vault (database {db_id}); not restored.</source>
        <translation>此备份属于另一个数据库（{db_id}），未恢复。</translation>
    </message>
    <message>
        <source>The key file inside {file} is damaged.</source>
        <translation>{file} 中的密钥文件已损坏。</translation>
    </message>
    <message>
        <source>The key file inside {file} does not hold the backup's key.</source>
        <translation>{file} 中的密钥文件不含该备份的密钥。</translation>
    </message>
    <message>
        <source>No Baton vault in this folder.</source>
        <translation>此文件夹中没有 Baton 数据库。</translation>
    </message>
    <message>
        <source>Both copies of the key file (baton.keys) are damaged or missing. Restore the key file from a backup: baton restore BACKUP --keys-only.</source>
        <translation>密钥文件（baton.keys）的两份副本都已损坏或丢失。请从备份恢复密钥文件：baton restore 备份 --keys-only。</translation>
    </message>
    <message>
        <source>Could not write the key file: {error}</source>
        <translation>无法写入密钥文件：{error}</translation>
    </message>
    <message>
        <source>A recovery key has 32 letters and digits in 8 groups of 4; this one has {count}.</source>
        <translation>恢复密钥由 32 个字母和数字组成（8 组，每组 4 个）；您输入了 {count} 个。</translation>
    </message>
    <message>
        <source>This recovery key contains a typing mistake: check each group against the recovery sheet.</source>
        <translation>此恢复密钥有输入错误：请对照恢复密钥表逐组检查。</translation>
    </message>
    <message>
        <source>A password needs at least 8 characters.</source>
        <translation>密码至少需要 8 个字符。</translation>
    </message>
    <message>
        <source>This password is too easy to guess: use more variety.</source>
        <translation>此密码太容易被猜到：请使用更多不同的字符。</translation>
    </message>
    <message>
        <source>A Baton vault already exists in {folder}.</source>
        <translation>{folder} 中已有 Baton 数据库。</translation>
    </message>
    <message>
        <source>Your key slot holds no copy of the current database key.</source>
        <translation>您的密钥槽中没有当前数据库密钥。</translation>
    </message>
    <message>
        <source>The key file has been altered: a sealed key fails.</source>
        <translation>密钥文件已被篡改：密封的密钥校验失败。</translation>
    </message>
    <message>
        <source>The key file has been altered.</source>
        <translation>密钥文件已被篡改。</translation>
    </message>
    <message>
        <source>This vault has no recovery slot.</source>
        <translation>此数据库没有恢复密钥槽。</translation>
    </message>
    <message>
        <source>This recovery key does not belong to this vault (database {db_id}).</source>
        <translation>此恢复密钥不属于本数据库（{db_id}）。</translation>
    </message>
    <message>
        <source>The database key changed since you unlocked; unlock again.</source>
        <translation>解锁后数据库密钥已更换，请重新解锁。</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Baton is locked</source>
        <translation>Baton 已锁定</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Use recovery key…</source>
        <translation>使用恢复密钥…</translation>
    </message>
    <message>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Unlocking…</source>
        <translation>正在解锁…</translation>
    </message>
    <message>
        <source>Wait %1 s</source>
        <translation>请等待 %1 秒</translation>
    </message>
    <message>
        <source>Recovered</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>The administrator's password was replaced. Consider making a new recovery key.</source>
        <translation>管理员密码已重新设置。建议生成新的恢复密钥。</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>Baton backups (*.batonbak)</source>
        <translation>Baton 备份 (*.batonbak)</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace the damaged database with the backup made on %1? It is checked against its manifest before anything is replaced.</source>
        <translation>用 %1 的备份替换已损坏的数据库吗？替换前会按备份清单校验该备份。</translation>
    </message>
    <message>
        <source>Type your user name and password first: they authorise the restore.</source>
        <translation>请先输入用户名和密码，用于授权此次恢复。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The backup was restored and verified. Unlock to continue.</source>
        <translation>备份已恢复并通过校验。请解锁继续。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Lock now (Ctrl+L): data is hidden until you unlock</source>
        <translation>立即锁定（Ctrl+L）：解锁前隐藏所有数据</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Branches, departments, positions and employee records.</source>
        <translation>分公司、部门、岗位和员工档案。</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Customers of the firm, their ownership history and the public pool.</source>
        <translation>公司的客户、客户归属历史和公海。</translation>
    </message>
    <message>
        <source>Orders &amp; Receivables</source>
        <translation>运单与应收</translation>
    </message>
    <message>
        <source>Waybills, invoices, payments and receivables aging.</source>
        <translation>运单、发票、回款和应收账龄。</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>离职交接</translation>
    </message>
    <message>
        <source>Departure cases, handover checklists and customer transfers.</source>
        <translation>离职案件、交接清单和客户移交。</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>Commission plans, periods and statements.</source>
        <translation>提成方案、结算期间和提成明细单。</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Risk alerts about departing staff and their customers.</source>
        <translation>关于离职员工及其客户的风险预警。</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Handover forms, aging reports and post-departure reports.</source>
        <translation>交接单、账龄报表和离职后跟踪报告。</translation>
    </message>
    <message>
        <source>Baton — %1</source>
        <translation>Baton — %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>已解锁</translation>
    </message>
    <message>
        <source>Daily backup written and verified.</source>
        <translation>每日备份已写入并通过校验。</translation>
    </message>
    <message>
        <source>The daily backup failed: see Settings → Backups.</source>
        <translation>每日备份失败：请查看 设置 → 备份。</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This part of Baton is not built yet. It will arrive in a later version.</source>
        <translation>Baton 的这一部分尚未完成，将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>RecoverAccessDialog</name>
    <message>
        <source>Use recovery key</source>
        <translation>使用恢复密钥</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Type the 8 groups from the recovery sheet. The administrator gets the new password; the other users keep theirs.</source>
        <translation>请输入恢复密钥表上的 8 组字符。管理员将获得新密码，其他用户的密码不变。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>New recovery key</source>
        <translation>新的恢复密钥</translation>
    </message>
    <message>
        <source>This is the new recovery key. It is shown only now: print the recovery sheet and keep it locked away. The old sheet no longer works.</source>
        <translation>这是新的恢复密钥，只显示这一次：请打印恢复密钥表并锁好保管。旧的恢复密钥表已作废。</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>Save recovery sheet (PDF)…</source>
        <translation>保存恢复密钥表（PDF）…</translation>
    </message>
    <message>
        <source>Print recovery sheet…</source>
        <translation>打印恢复密钥表…</translation>
    </message>
    <message>
        <source>Save recovery sheet</source>
        <translation>保存恢复密钥表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Recovery sheet saved to %1. Print it, then delete the file.</source>
        <translation>恢复密钥表已保存到 %1。请打印后删除该文件。</translation>
    </message>
    <message>
        <source>Baton recovery sheet</source>
        <translation>Baton 恢复密钥表</translation>
    </message>
    <message>
        <source>Recovery sheet sent to the printer.</source>
        <translation>恢复密钥表已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>HR</source>
        <translation>人事</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>Auditor (read-only)</source>
        <translation>审计员（只读）</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>User interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>Lock the window after this many idle minutes</source>
        <translation>空闲多少分钟后锁定窗口</translation>
    </message>
    <message>
        <source>Idle lock in seconds (for testing; 0 = use minutes)</source>
        <translation>空闲锁定秒数（测试用；0 表示按分钟）</translation>
    </message>
    <message>
        <source>Daily backups to keep</source>
        <translation>保留的每日备份数</translation>
    </message>
    <message>
        <source>Weekly backups to keep</source>
        <translation>保留的每周备份数</translation>
    </message>
    <message>
        <source>User name offered at unlock</source>
        <translation>解锁时预填的用户名</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>My password</source>
        <translation>我的密码</translation>
    </message>
    <message>
        <source>Backups and checks</source>
        <translation>备份与检查</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Lock after idle</source>
        <translation>空闲后锁定</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>The new language applies when Baton starts again.</source>
        <translation>新语言将在 Baton 重新启动后生效。</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Changing your password rewrites only your own key slot; the database is not re-encrypted and nobody else is affected.</source>
        <translation>修改密码只会重写您自己的密钥槽；数据库不会重新加密，也不影响其他人。</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Restore from file…</source>
        <translation>从文件恢复…</translation>
    </message>
    <message>
        <source>Check integrity</source>
        <translation>检查完整性</translation>
    </message>
    <message>
        <source>Backups are encrypted copies checked after writing. Baton makes one each day (keeping 7 daily and 4 weekly) and one before every upgrade, restore or key rotation. Copy backups to another disk regularly.</source>
        <translation>备份是写入后经过校验的加密副本。Baton 每天自动备份一次（保留 7 份每日备份和 4 份每周备份），并在每次升级、恢复或更换密钥前备份。请定期将备份复制到另一块磁盘。</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>before upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>before restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>before key rotation</source>
        <translation>更换密钥前</translation>
    </message>
    <message>
        <source>Writing and checking the backup…</source>
        <translation>正在写入并校验备份…</translation>
    </message>
    <message>
        <source>Backup written and verified: %1</source>
        <translation>备份已写入并通过校验：%1</translation>
    </message>
    <message>
        <source>Select a backup in the list first.</source>
        <translation>请先在列表中选择一个备份。</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <source>Baton backups (*.batonbak)</source>
        <translation>Baton 备份 (*.batonbak)</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restore the backup made on %1 (%2 rows)?
%3

The current data is backed up first, then replaced. Changes made after the backup are lost.</source>
        <translation>恢复 %1 的备份（共 %2 行）吗？
%3

当前数据会先备份，然后被替换。备份之后所做的修改将丢失。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>The backup was restored and checked against its manifest.</source>
        <translation>备份已恢复，并已按备份清单校验。</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>All checks passed: encryption pages, database integrity, foreign keys, and the audit chain (%1 events).</source>
        <translation>全部检查通过：加密页、数据库完整性、外键和审计链（%1 条事件）。</translation>
    </message>
    <message>
        <source>Audit chain broken at event %1</source>
        <translation>审计链在第 %1 条事件处断开</translation>
    </message>
    <message>
        <source>Problems found:
%1</source>
        <translation>发现问题：
%1</translation>
    </message>
    <message>
        <source>Integrity check</source>
        <translation>完整性检查</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up Baton</source>
        <translation>设置 Baton</translation>
    </message>
    <message>
        <source>Recovery sheet</source>
        <translation>恢复密钥表</translation>
    </message>
    <message>
        <source>You have not confirmed that the recovery sheet is printed or saved. Without it a forgotten password cannot be replaced. Close anyway? (You can make a new recovery key later in Users &amp; keys.)</source>
        <translation>您尚未确认已打印或保存恢复密钥表。没有它，忘记的密码将无法重新设置。仍要关闭吗？（之后可在“用户与密钥”中生成新的恢复密钥。）</translation>
    </message>
    <message>
        <source>Enter the company name.</source>
        <translation>请输入公司名称。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key slot</source>
        <translation>密钥槽</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Remove and rotate key…</source>
        <translation>删除并更换密钥…</translation>
    </message>
    <message>
        <source>Rotate database key…</source>
        <translation>更换数据库密钥…</translation>
    </message>
    <message>
        <source>New recovery key…</source>
        <translation>生成新的恢复密钥…</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Every key slot opens the whole database; roles are rules the application enforces. Disabling an account stops its logins; removing it also rotates the database key so that its password opens nothing any more.</source>
        <translation>每个密钥槽都能打开整个数据库；角色是由应用程序执行的规则。停用账户会阻止其登录；删除账户还会更换数据库密钥，使其密码再也打不开任何数据。</translation>
    </message>
    <message>
        <source>Users &amp; keys</source>
        <translation>用户与密钥</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Vault %1 · current database key %2 · last rotated: %3 · %4 user key slots · recovery key: %5</source>
        <translation>数据库 %1 · 当前数据库密钥 %2 · 最近更换：%3 · %4 个用户密钥槽 · 恢复密钥：%5</translation>
    </message>
    <message>
        <source>present</source>
        <translation>已设置</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Disable account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>Why is %1 disabled?</source>
        <translation>停用 %1 的原因？</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>为 %1 设置新密码</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of %1:</source>
        <translation>%1 的角色：</translation>
    </message>
    <message>
        <source>Remove account</source>
        <translation>删除账户</translation>
    </message>
    <message>
        <source>Remove %1 for good? Their key slot is deleted and the whole database is re-encrypted under a new key, so their password opens nothing any more. Other users keep their passwords. A safety backup is made first.</source>
        <translation>永久删除 %1 吗？其密钥槽将被删除，整个数据库会用新密钥重新加密，其密码将再也打不开任何数据。其他用户的密码不变。操作前会先做一次安全备份。</translation>
    </message>
    <message>
        <source>Re-encrypting the database…</source>
        <translation>正在重新加密数据库…</translation>
    </message>
    <message>
        <source>Rotate database key</source>
        <translation>更换数据库密钥</translation>
    </message>
    <message>
        <source>Re-encrypt the database under a new key? Every user keeps their password; old copies of the key file stop working. A safety backup is made first.</source>
        <translation>用新密钥重新加密数据库吗？所有用户的密码不变；旧的密钥文件副本将失效。操作前会先做一次安全备份。</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>新的恢复密钥</translation>
    </message>
    <message>
        <source>Make a new recovery key? The printed recovery sheet stops working.</source>
        <translation>生成新的恢复密钥吗？已打印的恢复密钥表将作废。</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>