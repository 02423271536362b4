<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AcknowledgeDialog</name>
    <message>
        <source>Acknowledge clauses</source>
        <translation>确认条款</translation>
    </message>
    <message>
        <source>Record that %1 read and acknowledged these clauses now, in your presence (the time, the version and the text&apos;s SHA-256 are kept).</source>
        <translation>记录 %1 已在您在场时阅读并确认以下条款（保存时间、版本及文本的 SHA-256）。</translation>
    </message>
    <message>
        <source>%1 (%2, version %3)</source>
        <translation>%1（%2，第 %3 版）</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Clauses</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Check the clauses the employee acknowledged.</source>
        <translation>请勾选员工已确认的条款。</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>required for sales and manager accounts</source>
        <translation>销售和经理账户必填</translation>
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
        <source>Employee number</source>
        <translation>工号</translation>
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
    <message>
        <source>Enter a user name to go on.</source>
        <translation>请输入用户名后继续。</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s full name to go on.</source>
        <translation>请输入管理员姓名后继续。</translation>
    </message>
    <message>
        <source>Choose a password to go on.</source>
        <translation>请设置密码后继续。</translation>
    </message>
    <message>
        <source>Repeat the password to go on.</source>
        <translation>请再次输入密码后继续。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AfterTab</name>
    <message>
        <source>A customer that orders less is a &lt;b&gt;risk signal, not proof&lt;/b&gt;: a customer may lawfully follow a person it trusts, or simply ship less. Look into it before drawing conclusions.</source>
        <translation>客户下单减少只是&lt;b&gt;风险信号，不是证据&lt;/b&gt;：客户可以合法地追随其信任的人，也可能只是发货减少。下结论前请先核实。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Owner now</source>
        <translation>现负责人</translation>
    </message>
    <message>
        <source>Orders before</source>
        <translation>离职前订单</translation>
    </message>
    <message>
        <source>Revenue before</source>
        <translation>离职前收入</translation>
    </message>
    <message>
        <source>Orders since</source>
        <translation>离职后订单</translation>
    </message>
    <message>
        <source>Revenue since</source>
        <translation>离职后收入</translation>
    </message>
    <message>
        <source>Churn</source>
        <translation>流失率</translation>
    </message>
    <message>
        <source>Receivable at departure</source>
        <translation>离职时应收</translation>
    </message>
    <message>
        <source>Collected since</source>
        <translation>离职后回款</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>回收率</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Your role does not show this report.</source>
        <translation>您的角色无权查看此报告。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 former customers&lt;/b&gt;, %2 to %3 against the %4 months before. Revenue %5 → %6 (churn %7); %8 stopped ordering. Receivables at departure %9, collected since %10 (recovery %11).</source>
        <translation>&lt;b&gt;%1 家原客户&lt;/b&gt;，%2 至 %3 与之前 %4 个月对比。收入 %5 → %6（流失率 %7）；%8 家停止下单。离职时应收 %9，之后回款 %10（回收率 %11）。</translation>
    </message>
    <message>
        <source>The last working day (%1) has not passed yet: the columns “since” fill from the day after it.</source>
        <translation>最后工作日（%1）尚未过去：“离职后”各列从其次日起开始统计。</translation>
    </message>
</context>
<context>
    <name>AgingView</name>
    <message>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未收金额</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>Provision</source>
        <translation>坏账准备</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>provision ladder</source>
        <translation>按账龄计提坏账准备</translation>
    </message>
    <message>
        <source>no provision (small-enterprise standard: losses written off when they happen)</source>
        <translation>不计提坏账准备（小企业会计准则：损失实际发生时核销）</translation>
    </message>
    <message>
        <source>As of %1: outstanding %2, overdue %3, %4 invoices; %5; bad-debt risk coefficient %6.</source>
        <translation>截至 %1：未收 %2，逾期 %3，共 %4 张发票；%5；坏账风险系数 %6。</translation>
    </message>
</context>
<context>
    <name>AlertEvidence</name>
    <message>
        <source>active months</source>
        <extracomment>Evidence keys of an alert (its detail panel), by name; where absent, FIGURES names them.</extracomment>
        <translation>活跃月数</translation>
    </message>
    <message>
        <source>done by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>ownership period</source>
        <translation>归属记录</translation>
    </message>
    <message>
        <source>attempt</source>
        <translation>尝试</translation>
    </message>
    <message>
        <source>audit events</source>
        <translation>审计事件</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>departure case</source>
        <translation>离职单</translation>
    </message>
    <message>
        <source>closing rate %</source>
        <translation>成交率 %</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>成交</translation>
    </message>
    <message>
        <source>count</source>
        <translation>笔数</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>days back-dated</source>
        <translation>倒签天数</translation>
    </message>
    <message>
        <source>documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>effective</source>
        <translation>生效日</translation>
    </message>
    <message>
        <source>owner until</source>
        <translation>归属截止</translation>
    </message>
    <message>
        <source>drop %</source>
        <translation>下降 %</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>follow-ups</source>
        <translation>跟进数</translation>
    </message>
    <message>
        <source>previous owner</source>
        <translation>原业务员</translation>
    </message>
    <message>
        <source>keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>last working day</source>
        <translation>最后工作日</translation>
    </message>
    <message>
        <source>last order</source>
        <translation>最后订单</translation>
    </message>
    <message>
        <source>leaver</source>
        <translation>离职人员</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>locked from</source>
        <translation>锁定起始日</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>monthly after</source>
        <translation>之后月均</translation>
    </message>
    <message>
        <source>monthly before</source>
        <translation>之前月均</translation>
    </message>
    <message>
        <source>times the average</source>
        <translation>平均值倍数</translation>
    </message>
    <message>
        <source>new customers</source>
        <translation>新客户数</translation>
    </message>
    <message>
        <source>notice given</source>
        <translation>通知日</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>waybill</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>waybill no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>waybills</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>orders after</source>
        <translation>之后订单数</translation>
    </message>
    <message>
        <source>orders before</source>
        <translation>之前订单数</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <source>receivables</source>
        <translation>应收款</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>录入日</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>repeat rate %</source>
        <translation>复购率 %</translation>
    </message>
    <message>
        <source>ordered again</source>
        <translation>复购</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>days silent</source>
        <translation>无订单天数</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>successor</source>
        <translation>接任人</translation>
    </message>
    <message>
        <source>new owner</source>
        <translation>新业务员</translation>
    </message>
    <message>
        <source>until</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>window (days)</source>
        <translation>窗口天数</translation>
    </message>
    <message>
        <source>oldest due date</source>
        <translation>最早到期日</translation>
    </message>
    <message>
        <source>number</source>
        <translation>编号</translation>
    </message>
</context>
<context>
    <name>AlertRulesTab</name>
    <message>
        <source>Thresholds are checked before they are saved: a negative, zero or absurd value is refused. Keywords are separated by commas.</source>
        <translation>阈值在保存前会被校验：负数、零或明显不合理的数值会被拒绝。关键词之间用逗号分隔。</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Window (days)</source>
        <translation>时间窗口（天）</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Save rules</source>
        <translation>保存规则</translation>
    </message>
</context>
<context>
    <name>AlertTerms</name>
    <message>
        <source>Order naming a locked leaver</source>
        <extracomment>Alert rules by id.</extracomment>
        <translation>订单上仍写着已锁定的离职人员</translation>
    </message>
    <message>
        <source>Leaver&apos;s customer ordering during the handover</source>
        <translation>交接期间离职人员的客户下单</translation>
    </message>
    <message>
        <source>Follow-ups with customers of others</source>
        <translation>跟进他人名下的客户</translation>
    </message>
    <message>
        <source>Order far above the usual</source>
        <translation>订单金额远超平常</translation>
    </message>
    <message>
        <source>Orders for an incomplete customer</source>
        <translation>资料不全的客户有订单</translation>
    </message>
    <message>
        <source>New customers that order once only</source>
        <translation>新客户只下一单</translation>
    </message>
    <message>
        <source>Risk words in a follow-up</source>
        <translation>跟进记录中有风险词</translation>
    </message>
    <message>
        <source>Large exports or prints of customers</source>
        <translation>大量导出或打印客户资料</translation>
    </message>
    <message>
        <source>Regular customer gone silent</source>
        <translation>老客户突然没有订单</translation>
    </message>
    <message>
        <source>Former customer&apos;s orders falling</source>
        <translation>原客户订单下滑</translation>
    </message>
    <message>
        <source>Overdue receivables of a leaver</source>
        <translation>离职人员名下应收款逾期</translation>
    </message>
    <message>
        <source>Back-dated ownership change</source>
        <translation>倒签的客户归属变更</translation>
    </message>
    <message>
        <source>orders</source>
        <extracomment>The figures an alert reports (its summary ``key=value``) and the thresholds of a rule.</extracomment>
        <translation>订单数</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>days silent</source>
        <translation>无订单天数</translation>
    </message>
    <message>
        <source>months with orders</source>
        <translation>有订单的月数</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>月均</translation>
    </message>
    <message>
        <source>owner until</source>
        <translation>归属截止</translation>
    </message>
    <message>
        <source>last order</source>
        <translation>最后订单</translation>
    </message>
    <message>
        <source>effective</source>
        <translation>生效日</translation>
    </message>
    <message>
        <source>recorded</source>
        <translation>录入日</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>上限</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>follow-ups</source>
        <translation>跟进数</translation>
    </message>
    <message>
        <source>keywords</source>
        <translation>关键词</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>成交率</translation>
    </message>
    <message>
        <source>ordered again</source>
        <translation>复购率</translation>
    </message>
    <message>
        <source>new customers</source>
        <translation>新客户数</translation>
    </message>
    <message>
        <source>receivables</source>
        <translation>应收款笔数</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>most follow-ups</source>
        <translation>跟进数上限</translation>
    </message>
    <message>
        <source>times the average</source>
        <translation>平均值倍数</translation>
    </message>
    <message>
        <source>fewest orders</source>
        <translation>最少订单数</translation>
    </message>
    <message>
        <source>closing rate %</source>
        <translation>成交率 %</translation>
    </message>
    <message>
        <source>repeat rate %</source>
        <translation>复购率 %</translation>
    </message>
    <message>
        <source>fewest new customers</source>
        <translation>最少新客户数</translation>
    </message>
    <message>
        <source>most rows</source>
        <translation>行数上限</translation>
    </message>
    <message>
        <source>active months</source>
        <translation>活跃月数</translation>
    </message>
    <message>
        <source>drop %</source>
        <translation>下降 %</translation>
    </message>
    <message>
        <source>baseline days</source>
        <translation>基准天数</translation>
    </message>
    <message>
        <source>fewest baseline orders</source>
        <translation>基准期最少订单数</translation>
    </message>
    <message>
        <source>fewest days overdue</source>
        <translation>最少逾期天数</translation>
    </message>
    <message>
        <source>tolerance days</source>
        <translation>容差天数</translation>
    </message>
    <message>
        <source>contact</source>
        <extracomment>Customer fields an incomplete-customer alert names as missing.</extracomment>
        <translation>联系人</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>payment terms</source>
        <translation>账期</translation>
    </message>
</context>
<context>
    <name>AlertsPage</name>
    <message>
        <source>high</source>
        <extracomment>Rule ids → their names (translated where shown): ``terms.RULE_TITLES``.</extracomment>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>dismissed</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Alerts point at company records worth a second look: orders, follow-ups, exports and ownership changes around departing staff. They cover company records only, never private content. A signal is not proof: a customer may lawfully follow a person it trusts. Decide each alert with a reason.</source>
        <extracomment>Evidence keys that name a record, and the kind of record they open. A record link was followed: (kind, id), e.g. (&quot;case&quot;, 12). The open-alert counts changed (for the navigation badge and the dashboard).</extracomment>
        <translation>预警指出值得再看一眼的公司记录：与离职员工相关的订单、跟进、导出和客户归属变更。预警只涉及公司记录，从不涉及私人内容。预警只是信号，不是证据：客户可以合法地追随其信任的人。处理每条预警时请写明原因。</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>Any severity</source>
        <translation>任意严重程度</translation>
    </message>
    <message>
        <source>Open and acknowledged</source>
        <translation>未处理和已确认</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Any employee</source>
        <translation>任意员工</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>最近 90 天</translation>
    </message>
    <message>
        <source>Check now</source>
        <translation>立即检查</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>产生时间</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>About</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Reason (required to resolve or dismiss)</source>
        <translation>原因（解决或驳回时必填）</translation>
    </message>
    <message>
        <source>User name to assign to</source>
        <translation>指派给（用户名）</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指派</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>%1 alert(s)</source>
        <translation>%1 条预警</translation>
    </message>
    <message>
        <source>Select an alert to see its evidence.</source>
        <translation>选择一条预警以查看其依据。</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign collector or successor</source>
        <translation>指定收款人或接任人</translation>
    </message>
    <message>
        <source>Assign successor</source>
        <translation>指定接任人</translation>
    </message>
    <message>
        <source>Set a planned transfer date</source>
        <translation>设置计划移交日期</translation>
    </message>
    <message>
        <source>Planned transfer date</source>
        <translation>计划移交日期</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected customer(s)</source>
        <translation>
            <numerusform>所选的 %n 家客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n customer(s) without a successor</source>
        <translation>
            <numerusform>全部 %n 家无接任人的客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Successor</source>
        <translation>接任人</translation>
    </message>
    <message>
        <source>Also people outside sales (give the reason)</source>
        <translation>也包括非销售人员（需填写理由）</translation>
    </message>
    <message>
        <source>Required for someone outside sales; printed on the handover form</source>
        <translation>选择非销售人员时必填；将打印在交接单上</translation>
    </message>
    <message>
        <source>Reason for this choice</source>
        <translation>选择理由</translation>
    </message>
    <message>
        <source>Also their other open items without anyone (invoices sold to others&apos; customers…)</source>
        <translation>同时指定其他无人接手的未结事项（卖给他人客户的发票等）</translation>
    </message>
    <message>
        <source>%1 selected items get this collector or successor.</source>
        <translation>所选 %1 项将指定此收款人或接任人。</translation>
    </message>
    <message>
        <source>Which customers</source>
        <translation>哪些客户</translation>
    </message>
    <message>
        <source>Their open invoices, orders and contracts without a successor go to the same person. Ownership moves only when the successor confirms receipt.</source>
        <translation>这些客户无接任人的未结发票、订单和合同也交给同一人。接任人确认接收后，归属才会转移。</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>指定</translation>
    </message>
    <message>
        <source>Choose the successor from the list.</source>
        <translation>请从列表中选择接任人。</translation>
    </message>
</context>
<context>
    <name>AssignmentFields</name>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>valid from</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
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
        <extracomment>Its first line in words; below it the event as the chain stores it (codes, JSON).</extracomment>
        <translation>审计</translation>
    </message>
    <message>
        <source>As stored:</source>
        <translation>原始记录：</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>修改前：</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>修改后：</translation>
    </message>
    <message numerus="yes">
        <source>The audit chain is intact (%n event(s)).</source>
        <translation>
            <numerusform>审计链完整（%n 条事件）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The audit chain is broken at event %1: it was altered or removed.</source>
        <translation>审计链在第 %1 条事件处断开：该事件被修改或删除。</translation>
    </message>
</context>
<context>
    <name>AuditTerms</name>
    <message>
        <source>created</source>
        <extracomment>Audit operations: the three row events of the hook and the named events of the services.</extracomment>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>alert check</source>
        <translation>预警检查</translation>
    </message>
    <message>
        <source>backup made</source>
        <translation>创建备份</translation>
    </message>
    <message>
        <source>backup restored</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>commissions computed</source>
        <translation>计算提成</translation>
    </message>
    <message>
        <source>final settlement viewed</source>
        <translation>查看最终结算</translation>
    </message>
    <message>
        <source>statement reprinted</source>
        <translation>重新打印提成单</translation>
    </message>
    <message>
        <source>confirmation differs</source>
        <translation>确认内容不一致</translation>
    </message>
    <message>
        <source>customer viewed during notice</source>
        <translation>通知期内查看客户</translation>
    </message>
    <message>
        <source>demo data generated</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <source>demo alert patterns planted</source>
        <translation>植入演示预警样例</translation>
    </message>
    <message>
        <source>document issued</source>
        <translation>出具文件</translation>
    </message>
    <message>
        <source>scan opened</source>
        <translation>打开扫描件</translation>
    </message>
    <message>
        <source>document content frozen</source>
        <translation>冻结文件内容</translation>
    </message>
    <message>
        <source>document checked</source>
        <translation>核验文件</translation>
    </message>
    <message>
        <source>document printed</source>
        <translation>打印文件</translation>
    </message>
    <message>
        <source>document saved to a file</source>
        <translation>文件另存</translation>
    </message>
    <message>
        <source>document opened outside Baton</source>
        <translation>在 Baton 外打开文件</translation>
    </message>
    <message>
        <source>evidence opened</source>
        <translation>打开交接凭证</translation>
    </message>
    <message>
        <source>evidence pack built</source>
        <translation>生成证据包</translation>
    </message>
    <message>
        <source>evidence pack checked</source>
        <translation>核验证据包</translation>
    </message>
    <message>
        <source>export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>export refused</source>
        <translation>导出被拒</translation>
    </message>
    <message>
        <source>handover list generated</source>
        <translation>生成交接清单</translation>
    </message>
    <message>
        <source>import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>key rotated</source>
        <translation>更换密钥</translation>
    </message>
    <message>
        <source>late order entry</source>
        <translation>补录订单</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>personal data exported</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <source>personal data erased</source>
        <translation>删除个人信息</translation>
    </message>
    <message>
        <source>recovery key renewed</source>
        <translation>更换恢复密钥</translation>
    </message>
    <message>
        <source>recovery key used</source>
        <translation>使用恢复密钥</translation>
    </message>
    <message>
        <source>released to the pool</source>
        <translation>放入公海</translation>
    </message>
    <message>
        <source>templates added</source>
        <translation>添加模板</translation>
    </message>
    <message>
        <source>vault created</source>
        <translation>创建数据库</translation>
    </message>
    <message>
        <source>moved in from a vault</source>
        <translation>从本机数据库迁入</translation>
    </message>
    <message>
        <source>moved to the server</source>
        <translation>迁移到服务器</translation>
    </message>
    <message>
        <source>integrity check</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>personal data viewed</source>
        <translation>查看个人信息</translation>
    </message>
    <message>
        <source>written off</source>
        <translation>核销</translation>
    </message>
    <message>
        <source>acknowledgement</source>
        <extracomment>Record kinds (table names) as a user names them.</extracomment>
        <translation>确认记录</translation>
    </message>
    <message>
        <source>alert</source>
        <translation>预警</translation>
    </message>
    <message>
        <source>alert rule</source>
        <translation>预警规则</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>分公司</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>case duty</source>
        <translation>离职事项</translation>
    </message>
    <message>
        <source>case history</source>
        <translation>离职单记录</translation>
    </message>
    <message>
        <source>checklist template</source>
        <translation>清单模板</translation>
    </message>
    <message>
        <source>checklist template item</source>
        <translation>清单模板条目</translation>
    </message>
    <message>
        <source>clause acknowledgement</source>
        <translation>条款确认</translation>
    </message>
    <message>
        <source>clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>commission line</source>
        <translation>提成明细</translation>
    </message>
    <message>
        <source>commission period</source>
        <translation>提成期间</translation>
    </message>
    <message>
        <source>commission plan</source>
        <translation>提成方案</translation>
    </message>
    <message>
        <source>commission plan assignment</source>
        <translation>提成方案分配</translation>
    </message>
    <message>
        <source>commission statement</source>
        <translation>提成单</translation>
    </message>
    <message>
        <source>commission tier</source>
        <translation>提成档位</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>confirmation letter</source>
        <translation>确认函</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>customer owner</source>
        <translation>客户归属</translation>
    </message>
    <message>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>departure case</source>
        <translation>离职单</translation>
    </message>
    <message>
        <source>departures</source>
        <translation>离职</translation>
    </message>
    <message>
        <source>document key</source>
        <translation>文件密钥</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>扫描件</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>document content</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <source>employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>export request</source>
        <translation>导出申请</translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>handover evidence</source>
        <translation>交接凭证</translation>
    </message>
    <message>
        <source>handover item</source>
        <translation>交接事项</translation>
    </message>
    <message>
        <source>issued document</source>
        <translation>已出具文件</translation>
    </message>
    <message>
        <source>refused order attempt</source>
        <translation>被拒的订单录入</translation>
    </message>
    <message>
        <source>login attempt</source>
        <translation>登录尝试</translation>
    </message>
    <message>
        <source>non-compete payment</source>
        <translation>竞业补偿支付</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>payment allocation</source>
        <translation>收款核销</translation>
    </message>
    <message>
        <source>pool claim</source>
        <translation>公海领取</translation>
    </message>
    <message>
        <source>position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>publication</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>receivable</source>
        <translation>应收款</translation>
    </message>
    <message>
        <source>vault</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>waybill</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Baton (automatic)</source>
        <extracomment>The system&apos;s own acts (daily jobs, the audit hook without a user).</extracomment>
        <translation>Baton（自动）</translation>
    </message>
</context>
<context>
    <name>BusinessSettings</name>
    <message>
        <source>Upper limits of the aging buckets in days: 30, 60, 90, 180, 365 gives 0-30, 31-60, 61-90, 91-180, 181-365 and over 365 days.</source>
        <translation>账龄区间上限（天）：30、60、90、180、365 表示 0-30、31-60、61-90、91-180、181-365 天及 365 天以上。</translation>
    </message>
    <message>
        <source>Count a receivable&apos;s age from its due date (days overdue; amounts not yet due are shown apart) or from its invoice date.</source>
        <translation>账龄自到期日起算（逾期天数；未到期金额单列），或自开票日起算。</translation>
    </message>
    <message>
        <source>Bad-debt provision: none (Small Enterprise Accounting Standard: a loss is written off only when it happens) or a ladder of rates by years overdue.</source>
        <translation>坏账准备：不计提（《小企业会计准则》：损失实际发生时才核销），或按逾期年限分档计提。</translation>
    </message>
    <message>
        <source>Provision rates by age: under 1 year 5%, 1-2 years 10%, 2-3 years 25%, 3-4 years 75%, 4 years and more 100%.</source>
        <translation>按账龄计提比例：1 年以内 5%，1-2 年 10%，2-3 年 25%，3-4 年 75%，4 年及以上 100%。</translation>
    </message>
    <message>
        <source>Rows one person may export or print within the export window without approval; above it an export needs approval by two people.</source>
        <translation>每人在导出统计期内无需审批即可导出或打印的行数；超过后，导出需经两人批准。</translation>
    </message>
    <message>
        <source>Days over which the rows a person exports are added up against the limit.</source>
        <translation>累计个人导出行数以对照上限的天数。</translation>
    </message>
    <message>
        <source>New orders stop being attributed to a departing employee from the notice date (default) or from the approval of the departure.</source>
        <translation>从通知日期（默认）或离职批准之日起，新订单不再归属于离职员工。</translation>
    </message>
    <message>
        <source>From the notice date of a submitted departure case the leaver&apos;s account may not export or print customer lists, claim or release customers or change ownership, and each customer they open is audited.</source>
        <translation>自已提交离职案件的通知日期起，离职人员的账户不能导出或打印客户清单、认领或放出客户、变更客户归属，其打开的每个客户都会记入审计。</translation>
    </message>
    <message>
        <source>Suggested successors are not given more customers than the firm&apos;s median book plus this many, unless nobody else fits.</source>
        <translation>建议的接任人的客户数不超过公司客户数中位数加上此数，除非没有其他合适人选。</translation>
    </message>
    <message>
        <source>Months after a departure during which a former customer&apos;s orders are watched.</source>
        <translation>离职后对原客户订单进行监控的月数。</translation>
    </message>
    <message>
        <source>Days of written notice before the last working day (the law: 30; it cannot be lengthened).</source>
        <translation>最后工作日前的书面通知天数（法定 30 天，不得延长）。</translation>
    </message>
    <message>
        <source>Days of notice during the probation period (the law: 3).</source>
        <translation>试用期内的提前通知天数（法定：3 天）。</translation>
    </message>
    <message>
        <source>Days after the termination date within which the personnel file is transferred (the law: at most 15).</source>
        <translation>解除或终止劳动合同后办理档案转移的期限（天）（法定：不超过 15 天）。</translation>
    </message>
    <message>
        <source>Days after the termination date within which social insurance is transferred (the law: at most 15).</source>
        <translation>解除或终止劳动合同后办理社会保险关系转移的期限（天）（法定：不超过 15 天）。</translation>
    </message>
    <message>
        <source>Years an ended contract and its handover records are kept (the law: at least 2).</source>
        <translation>已解除或终止的劳动合同及交接记录的保存年限（法定：至少 2 年）。</translation>
    </message>
    <message>
        <source>Years after departure before a former employee&apos;s personal fields (ID number, phone, e-mail, wage) are purged; business records stay (PIPL art. 19).</source>
        <translation>员工离职后多少年删除其个人字段（身份证号码、手机、邮箱、工资）；业务记录保留（《个人信息保护法》第十九条）。</translation>
    </message>
    <message>
        <source>Longest non-compete period in months (the law: at most 24).</source>
        <translation>竞业限制的最长期限（月）（法定：不超过 24 个月）。</translation>
    </message>
    <message>
        <source>Lowest monthly non-compete compensation, in percent of the average monthly wage of the last 12 months (default 30).</source>
        <translation>竞业限制每月经济补偿的最低标准，按离职前 12 个月平均工资的百分比计（默认 30）。</translation>
    </message>
    <message>
        <source>Months of unpaid non-compete compensation after which the employee may end the restriction; Baton alerts then (the law: 3).</source>
        <translation>竞业限制补偿未支付满多少个月后员工可解除竞业限制，届时 Baton 发出提醒（法定：3 个月）。</translation>
    </message>
    <message>
        <source>The local monthly minimum wage in yuan, the floor of non-compete compensation (0: not set yet).</source>
        <translation>当地月最低工资标准（元），竞业限制补偿的下限（0：尚未设置）。</translation>
    </message>
    <message>
        <source>The monthly wage in yuan, before commission, against which a commission clawback is capped (at most 20% of the month&apos;s wage, never below the local minimum wage) when a departure case gives no average wage (0: not set).</source>
        <translation>计算提成追回上限所依据的月工资（元，不含提成）：每月追回不超过当月工资的 20%，且扣除后不低于当地最低工资；离职案件未填平均工资时使用（0：未设置）。</translation>
    </message>
    <message>
        <source>The commission plan (its number) that covers every sales position no plan names, including positions added later (0: none); the standard plan offered when the firm is set up is entered here.</source>
        <translation>覆盖所有未指定方案的销售岗位（包括以后新增的岗位）的提成方案编号（0：无）；建账时选择的标准方案记录在此。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Correct the departure case</source>
        <extracomment>The business settings the case form starts from (the notice periods).</extracomment>
        <translation>修改离职案件</translation>
    </message>
    <message>
        <source>New departure case</source>
        <translation>新建离职案件</translation>
    </message>
    <message>
        <source>If known, e.g. the new employer</source>
        <translation>如已知，例如新雇主</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Submitted on</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Written notice on</source>
        <translation>书面通知日期</translation>
    </message>
    <message>
        <source>Last working day</source>
        <translation>最后工作日</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>建立案件</translation>
    </message>
    <message numerus="yes">
        <source>Legal notice: %n day(s) (%1) — the notice period ends on %2.</source>
        <translation>
            <numerusform>法定通知期：%n 天（%1）——通知期于 %2 届满。</numerusform>
        </translation>
    </message>
    <message>
        <source>in probation</source>
        <translation>试用期内</translation>
    </message>
    <message>
        <source>after probation</source>
        <translation>试用期后</translation>
    </message>
    <message>
        <source>No notice period applies to a contract end or retirement.</source>
        <translation>合同到期或退休不适用通知期。</translation>
    </message>
    <message>
        <source>Choose the employee who is leaving.</source>
        <translation>请选择离职员工。</translation>
    </message>
</context>
<context>
    <name>CaseLabels</name>
    <message>
        <source>draft</source>
        <extracomment>Departure case states, as the window names them (the sources of ``views/labels.py``).</extracomment>
        <translation>草稿</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>in handover</source>
        <translation>交接中</translation>
    </message>
    <message>
        <source>awaiting confirmation</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>resignation</source>
        <translation>辞职</translation>
    </message>
    <message>
        <source>dismissal</source>
        <translation>辞退</translation>
    </message>
    <message>
        <source>mutual agreement (art. 36)</source>
        <translation>协商一致解除（第三十六条）</translation>
    </message>
    <message>
        <source>dismissal for misconduct (art. 39)</source>
        <translation>过失性辞退（第三十九条）</translation>
    </message>
    <message>
        <source>contract end</source>
        <translation>合同到期</translation>
    </message>
    <message>
        <source>retirement</source>
        <translation>退休</translation>
    </message>
    <message>
        <source>open</source>
        <translation>待办</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>waived</source>
        <translation>已豁免</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>应收账款</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>在途订单</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件资料</translation>
    </message>
    <message>
        <source>Accounts &amp; data access</source>
        <translation>账号与数据权限</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>App accounts</source>
        <translation>系统账号</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>交接清单</translation>
    </message>
    <message>
        <source>departing employee</source>
        <translation>离职员工</translation>
    </message>
    <message>
        <source>successor</source>
        <translation>接任人</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>HR</source>
        <translation>人事</translation>
    </message>
    <message>
        <source>finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>case opened</source>
        <translation>建立案件</translation>
    </message>
    <message>
        <source>submitted for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>handover started</source>
        <translation>开始交接</translation>
    </message>
    <message>
        <source>confirmation requested</source>
        <translation>请求确认</translation>
    </message>
    <message>
        <source>receipt confirmed</source>
        <translation>确认接收</translation>
    </message>
    <message>
        <source>items refreshed</source>
        <translation>事项已更新</translation>
    </message>
    <message>
        <source>non-compete decided</source>
        <translation>竞业限制已决定</translation>
    </message>
    <message>
        <source>non-compete released early</source>
        <translation>提前解除竞业限制</translation>
    </message>
    <message>
        <source>clauses acknowledged</source>
        <translation>条款已确认</translation>
    </message>
    <message>
        <source>app accounts disabled</source>
        <translation>系统账号已停用</translation>
    </message>
    <message>
        <source>employee departed</source>
        <translation>员工已离职</translation>
    </message>
    <message>
        <source>key access revoked</source>
        <translation>密钥权限已撤销</translation>
    </message>
    <message>
        <source>items waived</source>
        <translation>交接项已免除</translation>
    </message>
    <message>
        <source>customers not to be told (waived)</source>
        <translation>免于告知客户</translation>
    </message>
    <message>
        <source>letter</source>
        <translation>书面函件</translation>
    </message>
</context>
<context>
    <name>CaseList</name>
    <message>
        <source>Departures</source>
        <translation>离职交接</translation>
    </message>
    <message>
        <source>Search case number, employee name or number…</source>
        <translation>搜索案件编号、员工姓名或工号…</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last working day</source>
        <translation>最后工作日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Days to the last working day (negative: it has passed).</source>
        <translation>距最后工作日的天数（负数：已过）。</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Overdue deadlines</source>
        <translation>逾期期限</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>进行中的案件</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>新建案件…</translation>
    </message>
    <message>
        <source>Open a departure case (Ctrl+N)</source>
        <translation>新建离职案件（Ctrl+N）</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
</context>
<context>
    <name>CaseScreen</name>
    <message>
        <source>Cases</source>
        <extracomment>Emitted after an action changed data (the window tells the other pages). Emitted with the :class:`CaseDetail` each time the case was (re)read; None when the screen forgets it (another case is opened, or the window locks).</extracomment>
        <translation>案件列表</translation>
    </message>
    <message>
        <source>Back to the list (Alt+Left)</source>
        <translation>返回列表（Alt+左方向键）</translation>
    </message>
    <message>
        <source>Edit case…</source>
        <translation>修改案件…</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the case again (F5)</source>
        <translation>重新读取案件（F5）</translation>
    </message>
    <message>
        <source>Documents: the handover form (离职交接单) to print, sign and attach back appears here.</source>
        <translation>文件：离职交接单（打印、签字后扫描附回）将显示在这里。</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>交接清单</translation>
    </message>
    <message>
        <source>Receivables &amp;&amp; orders</source>
        <translation>应收与订单</translation>
    </message>
    <message>
        <source>Deadlines &amp;&amp; clauses</source>
        <translation>期限与条款</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>After departure</source>
        <translation>离职后</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Loading the case…</source>
        <translation>正在加载案件…</translation>
    </message>
    <message>
        <source>Customers (%1)</source>
        <translation>客户（%1）</translation>
    </message>
    <message>
        <source>Customers (%1, %2 without successor)</source>
        <translation>客户（%1，%2 家无接任人）</translation>
    </message>
    <message>
        <source>Deadlines &amp;&amp; clauses (%1 overdue)</source>
        <translation>期限与条款（%1 项逾期）</translation>
    </message>
    <message>
        <source>Checklist (%1 required open)</source>
        <translation>交接清单（%1 项必办未完成）</translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>还有 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>manager %1</source>
        <translation>经理 %1</translation>
    </message>
    <message>
        <source>Submitted %1 · notice %2 · &lt;b&gt;last working day %3&lt;/b&gt; (%4)</source>
        <translation>提出 %1 · 通知 %2 · &lt;b&gt;最后工作日 %3&lt;/b&gt;（%4）</translation>
    </message>
    <message>
        <source>in probation</source>
        <translation>试用期内</translation>
    </message>
    <message>
        <source>going to %1</source>
        <translation>去向 %1</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b00020&apos;&gt;order lock from %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00020&apos;&gt;自 %1 起锁定接单&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;%1 refused order attempts&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;%1 次下单被拒&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;%1 orders for these customers named nobody or not the successor&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;这些客户有 %1 张订单未指定业务员或未指定接任人&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Next:</source>
        <translation>下一步：</translation>
    </message>
    <message>
        <source>No further step.</source>
        <translation>没有后续步骤。</translation>
    </message>
    <message>
        <source>Your role cannot take this step.</source>
        <translation>您的角色不能执行此步骤。</translation>
    </message>
    <message>
        <source>Not possible yet: click to see why.</source>
        <translation>暂不能执行：点击查看原因。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 is not possible yet (%2):&lt;/b&gt;</source>
        <translation>&lt;b&gt;暂不能“%1”（%2 项原因）：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1: %2 → %3. The step is recorded with your name, the time and the comment.</source>
        <translation>%1：%2 → %3。此步骤将连同您的姓名、时间和备注一起记录。</translation>
    </message>
    <message>
        <source>Approving generates the handover items from today&apos;s data (every customer, open invoice, order, contract and account of the employee); the order lock may start.</source>
        <translation>批准后将按今天的数据生成交接事项（该员工的每个客户、未结发票、订单、合同和账号），接单锁定可能随即生效。</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>Scans and documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>扫描件和文档 (*.pdf *.png *.jpg *.jpeg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open evidence</source>
        <translation>打开证明材料</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Save the attachment as</source>
        <translation>附件另存为</translation>
    </message>
</context>
<context>
    <name>CaseSummary</name>
    <message>
        <source>%p% of the items done</source>
        <translation>已完成 %p% 的事项</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>Open the case screen (Enter or double-click)</source>
        <translation>打开案件页面（回车或双击）</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分公司</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>提出日期</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知日期</translation>
    </message>
    <message>
        <source>Last working day</source>
        <translation>最后工作日</translation>
    </message>
    <message>
        <source>%1 (%2 days)</source>
        <translation>%1（%2 天）</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>批准日期</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Open items</source>
        <translation>未完成事项</translation>
    </message>
    <message>
        <source>Overdue deadlines</source>
        <translation>逾期期限</translation>
    </message>
</context>
<context>
    <name>ChecklistTab</name>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必办</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done by</source>
        <translation>完成人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Done…</source>
        <translation>完成…</translation>
    </message>
    <message>
        <source>Attach evidence…</source>
        <translation>附加证明…</translation>
    </message>
    <message>
        <source>Open evidence…</source>
        <translation>打开证明…</translation>
    </message>
    <message>
        <source>Waive…</source>
        <translation>豁免…</translation>
    </message>
    <message>
        <source>The checklist of the employee&apos;s position is added when the case is approved.</source>
        <translation>案件批准后将加入该员工岗位的交接清单。</translation>
    </message>
    <message>
        <source>%1 (%2 of %3 done)</source>
        <translation>%1（已完成 %2/%3）</translation>
    </message>
    <message>
        <source>%1 attached</source>
        <translation>已附 %1 份</translation>
    </message>
    <message>
        <source>needed, %1 attached</source>
        <translation>需要，已附 %1 份</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>App account %1</source>
        <translation>系统账号 %1</translation>
    </message>
    <message>
        <source>required</source>
        <translation>必办</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>选办</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) · %1 open · %2 required still open</source>
        <translation>
            <numerusform>共 %n 项 · %1 项未完成 · %2 项必办未完成</numerusform>
        </translation>
    </message>
    <message>
        <source>Attach evidence</source>
        <translation>附加证明材料</translation>
    </message>
    <message>
        <source>Attaching…</source>
        <translation>正在附加…</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>Comment (required)</source>
        <translation>备注（必填）</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Write why: the comment is recorded with the step.</source>
        <translation>请写明原因：备注将随此步骤一起记录。</translation>
    </message>
</context>
<context>
    <name>CommissionLabels</name>
    <message>
        <source>freight revenue</source>
        <translation>运费收入</translation>
    </message>
    <message>
        <source>gross margin (revenue − carrier cost)</source>
        <translation>毛利（运费收入 − 承运成本）</translation>
    </message>
    <message>
        <source>on the order date</source>
        <translation>按下单日</translation>
    </message>
    <message>
        <source>on payment collected (回款提成)</source>
        <translation>按回款（回款提成）</translation>
    </message>
    <message>
        <source>the departing employee</source>
        <translation>离职员工</translation>
    </message>
    <message>
        <source>the successor</source>
        <translation>接手人</translation>
    </message>
    <message>
        <source>split between them</source>
        <translation>双方分成</translation>
    </message>
    <message>
        <source>the company (forfeited)</source>
        <translation>公司（不予发放）</translation>
    </message>
    <message>
        <source>pay it</source>
        <translation>照常发放</translation>
    </message>
    <message>
        <source>pay it only if collected within N days</source>
        <translation>仅在 N 天内回款才发放</translation>
    </message>
    <message>
        <source>forfeit it</source>
        <translation>不予发放</translation>
    </message>
    <message>
        <source>give it to the collector of record</source>
        <translation>归登记的收款人</translation>
    </message>
    <message>
        <source>marginal</source>
        <translation>超额累进</translation>
    </message>
    <message>
        <source>whole amount</source>
        <translation>全额累进</translation>
    </message>
    <message>
        <source>accrued</source>
        <translation>已计提</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已审批</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>withheld</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>forfeited</source>
        <translation>不予发放</translation>
    </message>
    <message>
        <source>clawed back</source>
        <translation>已追回</translation>
    </message>
    <message>
        <source>order</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>payment</source>
        <translation>回款</translation>
    </message>
    <message>
        <source>write-off</source>
        <translation>坏账核销</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未计算</translation>
    </message>
    <message>
        <source>computed</source>
        <translation>已计算</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Earned — settled with the final wages</source>
        <translation>已赚取——随最后工资结清</translation>
    </message>
    <message>
        <source>Already paid</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Withheld pending collection or a successor</source>
        <translation>暂缓（待回款或待指定接手人）</translation>
    </message>
    <message>
        <source>Forfeited</source>
        <translation>不予发放</translation>
    </message>
    <message>
        <source>Clawed back</source>
        <translation>追回</translation>
    </message>
    <message>
        <source>%1: clawback %2 in %3 cannot be checked against the 20% cap — no wage figure (set the monthly wage in business settings or on the departure case).</source>
        <translation>%1：%3 追回 %2，但没有工资数据，无法核对 20% 的扣款上限（请在业务设置或离职案件中填写月工资）。</translation>
    </message>
    <message>
        <source>%1: clawback %2 in %3 exceeds what may be deducted, %4 (20% of the wage %5, never below the minimum wage %6).</source>
        <translation>%1：%3 追回 %2，超过可扣金额 %4（工资 %5 的 20%，且扣后不得低于最低工资 %6）。</translation>
    </message>
</context>
<context>
    <name>Commissions</name>
    <message>
        <source>Reading orders and payments</source>
        <translation>正在读取运单和回款</translation>
    </message>
    <message>
        <source>Computing lines</source>
        <translation>正在计算提成明细</translation>
    </message>
    <message>
        <source>Looking for late payments and corrections</source>
        <extracomment>Records whose change after a lock may need a correction (audit entity names).</extracomment>
        <translation>正在查找迟到的回款和更正</translation>
    </message>
    <message>
        <source>Saving lines</source>
        <translation>正在保存提成明细</translation>
    </message>
    <message>
        <source>Commission is wages: courts have overturned clauses that forfeit commission already earned, so this clause may not hold if the employee disputes it.</source>
        <translation>提成属于工资：法院曾判决取消已赚取提成的条款无效，员工若提出争议，此条款可能不被支持。</translation>
    </message>
    <message>
        <source>Orders taken during the handover window earn the departing employee nothing: all of it goes to the successor.</source>
        <translation>交接期内的订单不给离职员工提成：全部归接手人。</translation>
    </message>
    <message>
        <source>Orders taken during the handover window earn nobody anything: the departing employee forfeits that commission to the company.</source>
        <translation>交接期内的订单不给任何人提成：离职员工的这部分提成归公司。</translation>
    </message>
    <message>
        <source>Commission on money collected more than {days} days after the last working day is forfeited, although the sale was made while employed.</source>
        <translation>最后工作日后超过 {days} 天才回款的，提成不予发放，尽管该笔业务是在职期间做成的。</translation>
    </message>
    <message>
        <source>Commission on money collected after the last working day is forfeited, although the sale was made while employed.</source>
        <translation>最后工作日后回款的，提成不予发放，尽管该笔业务是在职期间做成的。</translation>
    </message>
    <message>
        <source>Commission on money collected after the last working day goes to the collector of record instead of the employee who made the sale (forfeited when there is none).</source>
        <translation>最后工作日后回款的，提成归登记的收款人，而不是做成业务的员工（无收款人时不予发放）。</translation>
    </message>
    <message>
        <source>A clawback is a deduction from wages: each month it may take at most 20% of the monthly wage, and never leave less than the local minimum wage.</source>
        <translation>追回提成属于从工资中扣除：每月不得超过当月工资的 20%，且扣除后不得低于当地最低工资标准。</translation>
    </message>
    <message>
        <source>Plan rate</source>
        <extracomment>Statuses whose amounts are owed to the employee (clawbacks reduce them). The rule or policy clause that decided a line (stored on the line, shown with it).</extracomment>
        <translation>方案费率</translation>
    </message>
    <message>
        <source>Plan rate (salesperson had left)</source>
        <translation>方案费率（业务员已离职）</translation>
    </message>
    <message>
        <source>Handover window: departing employee</source>
        <translation>交接期：归离职员工</translation>
    </message>
    <message>
        <source>Handover window: successor</source>
        <translation>交接期：归接手人</translation>
    </message>
    <message>
        <source>Handover window: split</source>
        <translation>交接期：分成</translation>
    </message>
    <message>
        <source>Handover window: company keeps it</source>
        <translation>交接期：归公司</translation>
    </message>
    <message>
        <source>Handover window: no successor yet</source>
        <translation>交接期：尚未指定接手人</translation>
    </message>
    <message>
        <source>Collected after leaving: paid</source>
        <translation>离职后回款：发放</translation>
    </message>
    <message>
        <source>Collected after leaving, within N days</source>
        <translation>离职后 N 天内回款</translation>
    </message>
    <message>
        <source>Collected after leaving, after N days</source>
        <translation>离职后超过 N 天回款</translation>
    </message>
    <message>
        <source>Collected after leaving: forfeited</source>
        <translation>离职后回款：不予发放</translation>
    </message>
    <message>
        <source>Collected after leaving: to collector</source>
        <translation>离职后回款：归收款人</translation>
    </message>
    <message>
        <source>Collected after leaving: no collector</source>
        <translation>离职后回款：无收款人</translation>
    </message>
    <message>
        <source>Clawback after bad-debt write-off</source>
        <translation>坏账核销追回</translation>
    </message>
    <message>
        <source>Late: dated in a locked period</source>
        <translation>迟到：日期在已锁定期间</translation>
    </message>
    <message>
        <source>Correction of a locked line</source>
        <translation>更正已锁定的明细</translation>
    </message>
    <message>
        <source>Reversal of a locked line</source>
        <translation>冲回已锁定的明细</translation>
    </message>
    <message>
        <source>Waiting for collection: paid when collected</source>
        <translation>待回款：回款后发放</translation>
    </message>
    <message>
        <source>Waiting for collection: paid if collected in time</source>
        <translation>待回款：按期回款才发放</translation>
    </message>
    <message>
        <source>Waiting for collection: will be forfeited</source>
        <translation>待回款：将不予发放</translation>
    </message>
    <message>
        <source>Waiting for collection: too late, will be forfeited</source>
        <translation>等待回款：已超期，将被没收</translation>
    </message>
    <message>
        <source>Waiting for collection: will go to the collector</source>
        <translation>待回款：将归收款人</translation>
    </message>
    <message>
        <source>Waybill {order} of {date} for {customer}: {base_kind} {base}.</source>
        <extracomment>Explanation templates by id. A line stores [(id, params)], never the English text, so a wording change or another language applies to old lines too; ``{name}`` placeholders.</extracomment>
        <translation>运单 {order}（{date}，{customer}）：{base_kind} {base}。</translation>
    </message>
    <message>
        <source>Payment received {date}: {paid} of invoice {invoice} ({invoice_amount}, {portion} of it). The invoice bills {orders} with {base_kind} {order_base}; this payment&apos;s base is {portion} of that: {base}.</source>
        <translation>{date} 收到回款：发票 {invoice}（{invoice_amount}）回款 {paid}，占 {portion}。该发票对应运单 {orders}，{base_kind}合计 {order_base}；本次回款的提成基数为其 {portion}：{base}。</translation>
    </message>
    <message>
        <source>Payment received {date}: {paid} of invoice {invoice} ({invoice_amount}), which bills no waybill; the base is the revenue collected: {base}.</source>
        <translation>{date} 收到回款：发票 {invoice}（{invoice_amount}）回款 {paid}，该发票未关联运单；提成基数为收回的收入：{base}。</translation>
    </message>
    <message>
        <source>Plan “{plan}”: flat rate {rate} → {amount} (rounded half up to the fen).</source>
        <translation>方案“{plan}”：固定费率 {rate} → {amount}（四舍五入到分）。</translation>
    </message>
    <message>
        <source>Plan “{plan}”: the monthly base of {employee} ({month_base}) reaches tier {tier}, whose rate {rate} applies to the whole base → {amount} (rounded half up to the fen).</source>
        <translation>方案“{plan}”：{employee} 的当月基数（{month_base}）达到第 {tier} 档，其费率 {rate} 适用于全部基数 → {amount}（四舍五入到分）。</translation>
    </message>
    <message>
        <source>Plan “{plan}”: marginal tiers; this base takes {employee}&apos;s monthly base from {before} to {after}, in tier {tier} (rate {rate} at the end) → {amount} (rounded half up to the fen).</source>
        <translation>方案“{plan}”：超额累进；本笔基数使 {employee} 的当月基数从 {before} 增至 {after}，落在第 {tier} 档（末端费率 {rate}）→ {amount}（四舍五入到分）。</translation>
    </message>
    <message>
        <source>{salesperson} had left the firm by the order date; the commission is credited to the customer&apos;s owner on that day, {employee}.</source>
        <translation>下单日 {salesperson} 已离职；提成记给当天该客户的负责人 {employee}。</translation>
    </message>
    <message>
        <source>Ordered in {departing}&apos;s handover window ({notice} to {last_day}, case {case}): the policy gives it to the departing employee.</source>
        <translation>下单在 {departing} 的交接期内（{notice} 至 {last_day}，案件 {case}）：按政策归离职员工。</translation>
    </message>
    <message>
        <source>Ordered in {departing}&apos;s handover window ({notice} to {last_day}, case {case}): the policy gives it to the successor, {successor}.</source>
        <translation>下单在 {departing} 的交接期内（{notice} 至 {last_day}，案件 {case}）：按政策归接手人 {successor}。</translation>
    </message>
    <message>
        <source>Ordered in {departing}&apos;s handover window ({notice} to {last_day}, case {case}): the policy splits it {x}:{y} between the departing employee and the successor; this is the {role}&apos;s share, {share} of {whole}.</source>
        <translation>下单在 {departing} 的交接期内（{notice} 至 {last_day}，案件 {case}）：按政策由离职员工与接手人按 {x}:{y} 分成；本行为{role}的份额，{whole} 中的 {share}。</translation>
    </message>
    <message>
        <source>Ordered in {departing}&apos;s handover window ({notice} to {last_day}, case {case}): the policy keeps it for the company, so the departing employee forfeits it.</source>
        <translation>下单在 {departing} 的交接期内（{notice} 至 {last_day}，案件 {case}）：按政策归公司，离职员工不予发放。</translation>
    </message>
    <message>
        <source>Ordered in {departing}&apos;s handover window ({notice} to {last_day}, case {case}): the successor&apos;s share ({share}) is withheld until a successor is named for this customer.</source>
        <translation>下单在 {departing} 的交接期内（{notice} 至 {last_day}，案件 {case}）：接手人的份额（{share}）暂缓，待为该客户指定接手人。</translation>
    </message>
    <message>
        <source>Collected {days} days after {employee}&apos;s last working day ({last_day}): the policy pays commission on money collected after departure.</source>
        <translation>在 {employee} 最后工作日（{last_day}）后 {days} 天回款：按政策，离职后回款照常发放提成。</translation>
    </message>
    <message>
        <source>Collected {days} days after {employee}&apos;s last working day ({last_day}), within the {limit} days the policy allows: paid.</source>
        <translation>在 {employee} 最后工作日（{last_day}）后 {days} 天回款，在政策允许的 {limit} 天内：发放。</translation>
    </message>
    <message>
        <source>Collected {days} days after {employee}&apos;s last working day ({last_day}), later than the {limit} days the policy allows: forfeited.</source>
        <translation>在 {employee} 最后工作日（{last_day}）后 {days} 天回款，超过政策允许的 {limit} 天：不予发放。</translation>
    </message>
    <message>
        <source>Collected {days} days after {employee}&apos;s last working day ({last_day}): the policy forfeits commission on money collected after departure.</source>
        <translation>在 {employee} 最后工作日（{last_day}）后 {days} 天回款：按政策，离职后回款不予发放提成。</translation>
    </message>
    <message>
        <source>Collected {days} days after {employee}&apos;s last working day ({last_day}): the policy gives it to the collector of record, {collector}.</source>
        <translation>在 {employee} 最后工作日（{last_day}）后 {days} 天回款：按政策归登记的收款人 {collector}。</translation>
    </message>
    <message>
        <source>Collected {days} days after {employee}&apos;s last working day ({last_day}): the policy gives it to the collector of record, but there is none still employed: forfeited.</source>
        <translation>在 {employee} 最后工作日（{last_day}）后 {days} 天回款：按政策应归登记的收款人，但没有仍在职的收款人：不予发放。</translation>
    </message>
    <message>
        <source>Invoice {invoice} ({invoice_amount}) was written off as bad debt on {date}: {written_off}, {portion} of it. The commission of line {line} ({original}, dated {original_date}) was {days} days earlier, within the {limit} days of the plan “{plan}”: {portion} of it is taken back.</source>
        <translation>发票 {invoice}（{invoice_amount}）于 {date} 作为坏账核销 {written_off}，占 {portion}。第 {line} 行的提成（{original}，日期 {original_date}）早 {days} 天，在方案“{plan}”规定的 {limit} 天内：追回其中的 {portion}。</translation>
    </message>
    <message>
        <source>Dated {date}, in {origin}, which was locked before this was recorded: it is paid in this period instead.</source>
        <translation>日期为 {date}，属于 {origin}，该期间在本笔登记前已锁定：改在本期间发放。</translation>
    </message>
    <message>
        <source>Correction of line {line} ({origin}, locked): its base changed from {old_base} to {new_base} after the period was locked; the change {delta} is paid at the line&apos;s rate {rate} → {amount}.</source>
        <translation>更正第 {line} 行（{origin}，已锁定）：期间锁定后其基数由 {old_base} 变为 {new_base}；差额 {delta} 按该行原费率 {rate} 计算 → {amount}。</translation>
    </message>
    <message>
        <source>Correction of line {line} ({origin}, locked): the amount should now be {new_amount} instead of {old_amount}; the difference is {amount}.</source>
        <translation>更正第 {line} 行（{origin}，已锁定）：金额现应为 {new_amount} 而非 {old_amount}；差额为 {amount}。</translation>
    </message>
    <message>
        <source>Reversal of line {line} ({origin}, locked): its source changed after the period was locked and it no longer applies; {amount} is taken back.</source>
        <translation>冲回第 {line} 行（{origin}，已锁定）：期间锁定后其来源已变更，该行不再适用；冲回 {amount}。</translation>
    </message>
    <message>
        <source>Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the commission base theirs); about {estimate} at {rate} becomes due when it is collected (the policy pays commission on money collected after departure).</source>
        <translation>发票 {invoice}：{orders} 尚有 {outstanding} 待回款（其中 {portion} 的提成基数归其所有）；回款后应付约 {estimate}（费率 {rate}）（该方案对离职后回款照常计提）。</translation>
    </message>
    <message>
        <source>Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the commission base theirs); about {estimate} at {rate} is paid if collected by {deadline}, and forfeited after.</source>
        <translation>发票 {invoice}：{orders} 尚有 {outstanding} 待回款（其中 {portion} 的提成基数归其所有）；在 {deadline} 前回款则支付约 {estimate}（费率 {rate}），逾期则没收。</translation>
    </message>
    <message>
        <source>Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the commission base theirs); the {limit} days after the last working day ended on {deadline}, so about {estimate} at {rate} will be forfeited when it is collected.</source>
        <translation>发票 {invoice}：{orders} 尚有 {outstanding} 待回款（其中 {portion} 的提成基数归其所有）；最后工作日后的 {limit} 天已于 {deadline} 届满，因此回款时约 {estimate}（费率 {rate}）将被没收。</translation>
    </message>
    <message>
        <source>Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the commission base theirs); the policy forfeits commission on money collected after departure: about {estimate} at {rate}.</source>
        <translation>发票 {invoice}：{orders} 尚有 {outstanding} 待回款（其中 {portion} 的提成基数归其所有）；该方案对离职后回款不予计提：约 {estimate}（费率 {rate}）。</translation>
    </message>
    <message>
        <source>Invoice {invoice}: {outstanding} still to collect on {orders} ({portion} of the commission base theirs); the commission, about {estimate} at {rate}, will go to the collector of record, {collector}.</source>
        <translation>发票 {invoice}：{orders} 尚有 {outstanding} 待回款（其中 {portion} 的提成基数归其所有）；该提成约 {estimate}（费率 {rate}）将归登记的收款人 {collector}。</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>运费收入</translation>
    </message>
    <message>
        <source>gross margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>departing employee</source>
        <translation>离职员工</translation>
    </message>
    <message>
        <source>successor</source>
        <translation>接手人</translation>
    </message>
</context>
<context>
    <name>CommissionsPage</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>应发</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>计算时间</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>撤回审批</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Mark paid</source>
        <translation>标记已发放</translation>
    </message>
    <message>
        <source>Plans…</source>
        <translation>提成方案…</translation>
    </message>
    <message>
        <source>Commission periods</source>
        <translation>提成期间</translation>
    </message>
    <message>
        <source>Search employee, waybill or invoice…</source>
        <translation>搜索员工、运单或发票…</translation>
    </message>
    <message>
        <source>Employee…</source>
        <translation>员工…</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Every source</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>Statement (PDF)…</source>
        <translation>提成单（PDF）…</translation>
    </message>
    <message>
        <source>Statement (XLSX)…</source>
        <translation>提成单（XLSX）…</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>(no successor yet)</source>
        <translation>（尚无接手人）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基数</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>费率</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Totals: base %1 · commission %2</source>
        <translation>合计：基数 %1 · 提成 %2</translation>
    </message>
    <message>
        <source>to compute again</source>
        <translation>待重新计算</translation>
    </message>
    <message>
        <source>A plan or the data changed after this month was computed: compute it again.</source>
        <translation>本月计算后方案或数据有变动：请重新计算。</translation>
    </message>
    <message>
        <source>%1 has not been computed yet.</source>
        <translation>%1 尚未计算。</translation>
    </message>
    <message>
        <source>%1 — %2: payable %3 to %4 people</source>
        <translation>%1 — %2：应发 %3，共 %4 人</translation>
    </message>
    <message>
        <source>approved by %1</source>
        <translation>审批人 %1</translation>
    </message>
    <message>
        <source>locked by %1</source>
        <translation>锁定人 %1</translation>
    </message>
    <message>
        <source>paid by %1</source>
        <translation>发放登记人 %1</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>警告：</translation>
    </message>
    <message numerus="yes">
        <source>No commission plan covers %n salesperson(s), so they earn nothing: %1. Add them to a plan (Plans…) and compute again.</source>
        <translation>
            <numerusform>有 %n 名销售人员不在任何提成方案内，将没有提成：%1。请将其加入方案（方案…）后重新计算。</numerusform>
        </translation>
    </message>
    <message>
        <source>Line</source>
        <translation>明细</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Credited to</source>
        <translation>记给</translation>
    </message>
    <message>
        <source>Departure case</source>
        <translation>离职案件</translation>
    </message>
    <message>
        <source>Belongs to</source>
        <translation>所属期间</translation>
    </message>
    <message>
        <source>Refers to line</source>
        <translation>关联明细</translation>
    </message>
    <message>
        <source>Computing commissions for %1…</source>
        <translation>正在计算 %1 的提成…</translation>
    </message>
    <message>
        <source>Approve the commissions of %1: %2 on %3 lines, payable to finance?</source>
        <translation>审批 %1 的提成：共 %3 条，合计 %2，交财务发放？</translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation>保存提成单</translation>
    </message>
    <message>
        <source>Statement %1 saved to %2</source>
        <translation>提成单 %1 已保存到 %2</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>Your company</source>
        <translation>贵公司</translation>
    </message>
    <message>
        <source>Baton keeps the firm&apos;s staff, customers and handovers in an encrypted database on this PC. Nothing is sent to the internet.</source>
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
    <message>
        <source>Enter the company name to go on.</source>
        <translation>请输入公司名称后继续。</translation>
    </message>
</context>
<context>
    <name>ConfirmReceiptDialog</name>
    <message>
        <source>Confirm receipt</source>
        <translation>确认接收</translation>
    </message>
    <message>
        <source>You confirm on the successors&apos; behalf; the record shows that you did. Ownership moves to the successor now (or on the planned date).</source>
        <translation>您代接任人确认，记录将显示由您确认。归属现在（或在计划日期）转给接任人。</translation>
    </message>
    <message>
        <source>You confirm that you took these over. Ownership moves to you now.</source>
        <translation>您确认已接收这些事项，归属现在转给您。</translation>
    </message>
    <message numerus="yes">
        <source>The %n selected customer(s)</source>
        <translation>
            <numerusform>所选的 %n 家客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everything waiting for confirmation (%n item(s))</source>
        <translation>
            <numerusform>全部待确认事项（%n 项）</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
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
        <source>The vault is ready. This recovery key is shown only now. With it an administrator&apos;s password can be replaced if it is forgotten; without it and the passwords, the data cannot be opened by anyone. Print the recovery sheet and keep it locked away.</source>
        <translation>加密数据库已创建。此恢复密钥只显示这一次。忘记管理员密码时可用它重新设置密码；若密码和恢复密钥都丢失，任何人都无法打开数据。请打印恢复密钥表并锁好保管。</translation>
    </message>
    <message>
        <source>Wait until the vault is created.</source>
        <translation>请等待加密数据库创建完成。</translation>
    </message>
    <message>
        <source>Tick the box above once the recovery sheet is printed or saved.</source>
        <translation>打印或保存恢复单后，请勾选上方的确认框。</translation>
    </message>
</context>
<context>
    <name>CustomerDetailPane</name>
    <message>
        <source>Overview</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>归属人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Who owned it on</source>
        <translation>在此日期的归属人</translation>
    </message>
    <message>
        <source>Ownership</source>
        <translation>归属历史</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>运费收入</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未收金额</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Receivables</source>
        <translation>应收账款</translation>
    </message>
    <message>
        <source>By</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1（自 %2 起）</translation>
    </message>
    <message>
        <source>none — in the public pool</source>
        <translation>无 — 在公海中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>信用代码</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>账期</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Outstanding %1, overdue %2 (%n invoice(s)).</source>
        <translation>
            <numerusform>未收 %1，逾期 %2（%n 张发票）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>(now)</source>
        <translation>（至今）</translation>
    </message>
    <message>
        <source>Your role does not show this customer&apos;s money.</source>
        <translation>您的角色不能查看该客户的金额信息。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>18 characters, e.g. 91310000631191633A</source>
        <translation>18 位，例如 91310000631191633A</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation>客户编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Main contact</source>
        <translation>主要联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Owner (empty: public pool)</source>
        <translation>归属人（留空：放入公海）</translation>
    </message>
    <message>
        <source>Not an amount.</source>
        <translation>不是有效金额。</translation>
    </message>
</context>
<context>
    <name>CustomerFields</name>
    <message>
        <source>code</source>
        <translation>客户编码</translation>
    </message>
    <message>
        <source>name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>payment terms (days)</source>
        <translation>账期</translation>
    </message>
    <message>
        <source>credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>owner since</source>
        <translation>分配日期</translation>
    </message>
    <message>
        <source>contact name</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>contact phone</source>
        <translation>联系电话</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Search code, name or credit code…</source>
        <translation>搜索编码、名称或信用代码…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>客户编码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>归属人</translation>
    </message>
    <message>
        <source>public pool</source>
        <translation>公海</translation>
    </message>
    <message>
        <source>Owner since</source>
        <translation>归属起始日</translation>
    </message>
    <message>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>Public pool (公海)</source>
        <translation>公海客户</translation>
    </message>
    <message>
        <source>Inactive customers</source>
        <translation>停用的客户</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>调整归属…</translation>
    </message>
    <message>
        <source>Release to pool</source>
        <translation>放入公海</translation>
    </message>
    <message>
        <source>Claim from pool…</source>
        <translation>从公海认领…</translation>
    </message>
    <message>
        <source>Add follow-up…</source>
        <translation>添加跟进…</translation>
    </message>
    <message>
        <source>Release to the public pool</source>
        <translation>放入公海</translation>
    </message>
    <message>
        <source>Release %1 (%2) to the public pool from today? Its owner loses it and any salesperson may claim it. Reason:</source>
        <translation>从今天起将 %1（%2）放入公海？原归属人将失去该客户，任何业务员都可认领。原因：</translation>
    </message>
</context>
<context>
    <name>CustomersTab</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Open receivable</source>
        <translation>未结应收</translation>
    </message>
    <message>
        <source>Successor</source>
        <translation>接任人</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Customer told</source>
        <translation>已告知客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Filter by code, name, region, industry or successor…</source>
        <translation>按编码、名称、地区、行业或接任人筛选…</translation>
    </message>
    <message>
        <source>Without successor only</source>
        <translation>只看无接任人</translation>
    </message>
    <message>
        <source>Assign successor…</source>
        <translation>指定接任人…</translation>
    </message>
    <message>
        <source>Suggest successors…</source>
        <translation>推荐接任人…</translation>
    </message>
    <message>
        <source>Mark customer informed…</source>
        <translation>标记已告知客户…</translation>
    </message>
    <message>
        <source>Waive informing…</source>
        <translation>免于告知…</translation>
    </message>
    <message>
        <source>Waive…</source>
        <translation>免除…</translation>
    </message>
    <message>
        <source>Confirm receipt…</source>
        <translation>确认接收…</translation>
    </message>
    <message>
        <source>The handover items are generated from live data when the case is approved: every customer the employee owns that day, with their open invoices, orders and contracts.</source>
        <translation>案件批准时按实时数据生成交接事项：该员工当天名下的每个客户，及其未结发票、订单和合同。</translation>
    </message>
    <message>
        <source>not to be told: %1</source>
        <translation>不告知：%1</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) · %1 without successor · %2 told · %3 confirmed · showing %4</source>
        <translation>
            <numerusform>%n 家客户 · %1 家无接任人 · %2 家已告知 · %3 家已确认 · 显示 %4 家</numerusform>
        </translation>
    </message>
    <message>
        <source>No suggestion: every customer has a successor, or nobody can take them over.</source>
        <translation>没有推荐：所有客户都已有接任人，或无人可接手。</translation>
    </message>
    <message>
        <source>Looking for successors…</source>
        <translation>正在寻找接任人…</translation>
    </message>
    <message>
        <source>Confirming receipt…</source>
        <translation>正在确认接收…</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>in handover</source>
        <translation>交接中</translation>
    </message>
    <message>
        <source>awaiting confirmation</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>Current staff</source>
        <translation>在职员工</translation>
    </message>
    <message>
        <source>Leaving (notice or handover)</source>
        <translation>离职中（通知期或交接中）</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>In the public pool</source>
        <translation>公海客户</translation>
    </message>
    <message>
        <source>Receivables outstanding</source>
        <translation>应收未收</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Receivables at risk, by days overdue</source>
        <translation>风险应收款（按逾期天数）</translation>
    </message>
    <message>
        <source>Open departure cases</source>
        <translation>进行中的离职案件</translation>
    </message>
    <message>
        <source>Open alerts by severity</source>
        <translation>按严重程度统计的未处理预警</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>No open alerts.</source>
        <translation>没有未处理的预警。</translation>
    </message>
    <message>
        <source>not yet due</source>
        <translation>未到期</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>No receivables outstanding.</source>
        <translation>没有未收的应收款。</translation>
    </message>
    <message>
        <source>No receivables yet: import the invoices, or import the waybills with “Raise a receivable for each waybill”.</source>
        <translation>还没有应收款：请导入发票，或在导入运单时勾选“为每张运单生成一笔应收款”。</translation>
    </message>
    <message>
        <source>No open departure cases.</source>
        <translation>没有进行中的离职案件。</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>法定期限</translation>
    </message>
    <message>
        <source>Nothing due in the next two weeks.</source>
        <translation>未来两周没有到期事项。</translation>
    </message>
    <message>
        <source>overdue since %1</source>
        <translation>自 %1 起逾期</translation>
    </message>
</context>
<context>
    <name>DateRange</name>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>DeadlinesTab</name>
    <message>
        <source>Duty</source>
        <extracomment>The case&apos;s clauses as the table lists them: the window&apos;s language first.</extracomment>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Record done…</source>
        <translation>记录完成…</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>记录支付…</translation>
    </message>
    <message>
        <source>Non-compete decision…</source>
        <translation>竞业限制决定…</translation>
    </message>
    <message>
        <source>Release early…</source>
        <translation>提前解除…</translation>
    </message>
    <message>
        <source>Severance…</source>
        <translation>经济补偿…</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认情况</translation>
    </message>
    <message>
        <source>Acknowledge (employee present)…</source>
        <translation>确认（员工在场）…</translation>
    </message>
    <message>
        <source>Clauses shown to the employee</source>
        <translation>向员工出示的条款</translation>
    </message>
    <message>
        <source>when the handover completes</source>
        <translation>交接完成时</translation>
    </message>
    <message>
        <source>Non-compete: not possible (no confidentiality duty).</source>
        <translation>竞业限制：不适用（无保密义务）。</translation>
    </message>
    <message>
        <source>Non-compete: &lt;b&gt;not decided yet&lt;/b&gt; — decide by the last working day.</source>
        <translation>竞业限制：&lt;b&gt;尚未决定&lt;/b&gt;——请在最后工作日前决定。</translation>
    </message>
    <message>
        <source>Non-compete: none.</source>
        <translation>竞业限制：无。</translation>
    </message>
    <message>
        <source>Non-compete: %1 months at %2 a month (average wage %3, local minimum %4).</source>
        <translation>竞业限制：%1 个月，每月补偿 %2（平均工资 %3，当地最低工资 %4）。</translation>
    </message>
    <message>
        <source>Released early on %1.</source>
        <translation>已于 %1 提前解除。</translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) unpaid: the employee may end the restriction.</source>
        <translation>
            <numerusform>%n 个月未支付：员工可解除竞业限制。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>overdue by %n day(s)</source>
        <translation>
            <numerusform>已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>due in %n day(s)</source>
        <translation>
            <numerusform>%n 天后到期</numerusform>
        </translation>
    </message>
    <message>
        <source>经济补偿: N, N+1 (代通知金, art. 40), 2N, with the basis of every figure</source>
        <translation>经济补偿：N、N+1（代通知金，第四十条）、2N，列明每项计算依据</translation>
    </message>
    <message>
        <source>%1 (recorded by %2)</source>
        <translation>%1（%2 记录）</translation>
    </message>
    <message>
        <source>an older version (%1)</source>
        <translation>旧版本（%1）</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>does not apply</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>for information</source>
        <translation>供参考</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今天到期</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Customers and ownership</source>
        <translation>客户及归属</translation>
    </message>
    <message>
        <source>Orders, receivables and payments</source>
        <translation>运单、应收款和回款</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Demo accounts</source>
        <translation>演示账户</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>DemoPage</name>
    <message>
        <source>Ready</source>
        <translation>准备就绪</translation>
    </message>
    <message>
        <source>Baton is set up. You can start with your own data (Import) or try it first.</source>
        <translation>Baton 已设置完成。您可以导入自己的数据，也可以先试用。</translation>
    </message>
    <message>
        <source>Set up the standard commission plan (回款提成: gross margin, on payment, 3% / 5% / 8%) for every sales position, those imported later included. It can be changed under Commissions → Plans.</source>
        <translation>为所有销售岗位（包括以后导入的）设置标准提成方案（回款提成：按毛利、回款时计提，3% / 5% / 8%）。可在“提成 → 方案”中修改。</translation>
    </message>
    <message>
        <source>Add a demo firm to try Baton (demo users hr, manager, finance, sales, auditor; password demo-password). Leave it off for real use.</source>
        <translation>添加一家演示公司来试用 Baton（演示用户 hr、manager、finance、sales、auditor；密码 demo-password）。正式使用时请勿勾选。</translation>
    </message>
    <message>
        <source>Small: 20 staff, 300 customers, 5,000 waybills (under a minute)</source>
        <translation>小型：20 名员工、300 个客户、5,000 张运单（不到一分钟）</translation>
    </message>
    <message>
        <source>Medium: 200 staff, 10,000 customers, 100,000 waybills with alerts to look into (several minutes)</source>
        <translation>中型：200 名员工、10,000 个客户、100,000 张运单，并含待处理的预警（需几分钟）</translation>
    </message>
    <message>
        <source>Generating the demo firm…</source>
        <translation>正在生成演示企业…</translation>
    </message>
    <message>
        <source>Setting up the commission plan…</source>
        <translation>正在设置提成方案…</translation>
    </message>
    <message>
        <source>The demo firm is ready.</source>
        <translation>演示企业已生成。</translation>
    </message>
    <message>
        <source>The commission plan is set up.</source>
        <translation>提成方案已设置。</translation>
    </message>
</context>
<context>
    <name>Departures</name>
    <message>
        <source>Submit for approval</source>
        <translation>提交审批</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Start the handover</source>
        <translation>开始交接</translation>
    </message>
    <message>
        <source>Ask for confirmation</source>
        <translation>提请确认</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Notice period ends</source>
        <extracomment>Duties recorded with :func:`record_duty` (the others are computed or recorded elsewhere). Duties that must be done before a case is archived.</extracomment>
        <translation>通知期届满</translation>
    </message>
    <message>
        <source>Termination certificate</source>
        <translation>离职证明</translation>
    </message>
    <message>
        <source>Final wages and earned commission</source>
        <translation>结清工资及已得提成</translation>
    </message>
    <message>
        <source>Personnel file transferred</source>
        <translation>档案转移</translation>
    </message>
    <message>
        <source>Social insurance transferred</source>
        <translation>社会保险关系转移</translation>
    </message>
    <message>
        <source>Severance (经济补偿)</source>
        <translation>经济补偿</translation>
    </message>
    <message>
        <source>Non-compete decision</source>
        <translation>竞业限制决定</translation>
    </message>
    <message>
        <source>Non-compete compensation, month {month}</source>
        <translation>竞业限制补偿（第 {month} 个月）</translation>
    </message>
    <message>
        <source>Early release: 3 months&apos; extra compensation</source>
        <translation>提前解除：额外支付三个月补偿</translation>
    </message>
    <message>
        <source>Keep the contract and handover records until</source>
        <translation>劳动合同及交接记录保存至</translation>
    </message>
    <message>
        <source>Customer protection period ends</source>
        <translation>客户保护期届满</translation>
    </message>
    <message>
        <source>Pay in lieu of notice (代通知金)</source>
        <translation>代通知金</translation>
    </message>
    <message>
        <source>{days} days&apos; written notice ({kind}); an earlier last day needs both sides&apos; agreement.</source>
        <translation>提前 {days} 日书面通知（{kind}）；更早离职须双方协商一致。</translation>
    </message>
    <message>
        <source>Due on the termination date, stating the contract term, termination date, position and years of service, without negative remarks; never held back for an unfinished handover.</source>
        <translation>应于解除或终止劳动合同之日出具，写明劳动合同期限、解除或终止日期、工作岗位及工作年限，不得有负面评价；不得以交接未完成为由拒绝出具。</translation>
    </message>
    <message>
        <source>Settled at termination, including commission already earned.</source>
        <translation>于离职时一次结清，包括已经取得的提成。</translation>
    </message>
    <message>
        <source>Within {days} days of the termination date.</source>
        <translation>于解除或终止劳动合同之日起 {days} 日内办理。</translation>
    </message>
    <message>
        <source>The only payment that may wait until the handover is complete.</source>
        <translation>唯一可以待工作交接完成时支付的款项。</translation>
    </message>
    <message>
        <source>None, or at most {months} months with monthly compensation of at least {percent}% of the last 12 months&apos; average wage and at least the local minimum wage.</source>
        <translation>不启用，或不超过 {months} 个月，每月补偿不低于离职前 12 个月平均工资的 {percent}% 且不低于当地最低工资标准。</translation>
    </message>
    <message>
        <source>After {unpaid} unpaid months the employee may end the restriction.</source>
        <translation>连续 {unpaid} 个月未支付补偿的，员工可以解除竞业限制约定。</translation>
    </message>
    <message>
        <source>Releasing the employee early costs 3 months&apos; compensation in addition.</source>
        <translation>公司提前解除竞业限制的，须额外支付三个月的竞业限制经济补偿。</translation>
    </message>
    <message>
        <source>Kept at least {years} years.</source>
        <translation>至少保存 {years} 年。</translation>
    </message>
    <message>
        <source>A business setting ({months} months), not a legal period: former customers&apos; orders are watched until then.</source>
        <translation>业务设置（{months} 个月），并非法定期限：在此之前持续关注原客户的订单。</translation>
    </message>
    <message>
        <source>Art. 40: one month&apos;s wage instead of 30 days&apos; written notice, paid with the final wages.</source>
        <translation>第四十条：以一个月工资代替提前三十日书面通知，随最后工资支付。</translation>
    </message>
    <message>
        <source>in probation</source>
        <translation>试用期内</translation>
    </message>
    <message>
        <source>after probation</source>
        <translation>试用期满后</translation>
    </message>
    <message>
        <source>The last working day is before the notice period ends: record the agreement to end earlier.</source>
        <translation>最后工作日早于通知期届满：请记录双方提前离职的协议。</translation>
    </message>
</context>
<context>
    <name>DeparturesPage</name>
    <message>
        <source>Commission</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Departures</source>
        <translation>离职交接</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Document %1, issued %2 by %3; SHA-256 %4</source>
        <translation>文档 %1，%2 由 %3 签发；SHA-256 %4</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>No document shown.</source>
        <translation>未显示文档。</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 / 共 %2 页</translation>
    </message>
</context>
<context>
    <name>Documents</name>
    <message>
        <source>Issued by Baton on {issued} for case {case} ({number}, {kind}, {language}): unchanged.</source>
        <translation>由 Baton 于 {issued} 为案件 {case} 签发（{number}，{kind}，{language}）：未经改动。</translation>
    </message>
    <message>
        <source>Issued by Baton on {issued} ({number}, {kind}, {language}): unchanged.</source>
        <translation>由 Baton 于 {issued} 签发（{number}，{kind}，{language}）：未经改动。</translation>
    </message>
    <message>
        <source>Not verified: this file names document {number}, issued on {issued} for case {case}, but its content differs from the issued file — it was altered or re-saved.</source>
        <translation>核验未通过：此文件声称是 {issued} 为案件 {case} 签发的文档 {number}，但内容与签发的文件不一致——已被改动或重新保存。</translation>
    </message>
    <message>
        <source>Not verified: this file was not issued by this Baton (or it was altered).</source>
        <translation>核验未通过：此文件不是由本系统签发的（或已被改动）。</translation>
    </message>
    <message>
        <source>Handover form</source>
        <extracomment>Issued documents by kind and language (the sources of ``views/documents/labels.py``).</extracomment>
        <translation>离职交接单</translation>
    </message>
    <message>
        <source>Departure risk assessment</source>
        <translation>离职风险评估表</translation>
    </message>
    <message>
        <source>Responsibility tracking table</source>
        <translation>责任人追踪表</translation>
    </message>
    <message>
        <source>Post-departure report</source>
        <translation>离职后报告</translation>
    </message>
    <message>
        <source>Receivables aging by salesperson</source>
        <translation>应收账款账龄分析（按业务员）</translation>
    </message>
    <message>
        <source>Commission statement</source>
        <translation>提成结算单</translation>
    </message>
    <message>
        <source>Final commission settlement</source>
        <translation>离职提成结算单</translation>
    </message>
    <message>
        <source>Termination certificate</source>
        <translation>离职证明</translation>
    </message>
    <message>
        <source>Balance confirmation letter</source>
        <translation>对账函</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Departing employee</source>
        <translation>离职员工</translation>
    </message>
    <message>
        <source>Successor</source>
        <translation>接收人</translation>
    </message>
    <message>
        <source>Supervisor of the handover (manager)</source>
        <translation>监交人（部门经理）</translation>
    </message>
    <message>
        <source>HR</source>
        <translation>人力资源部</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务部</translation>
    </message>
    <message>
        <source>Signed on screen by %1, %2</source>
        <translation>%1 已于 %2 屏幕签字</translation>
    </message>
    <message>
        <source>Waiting for a signature on paper</source>
        <translation>待纸面签字</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Verify a document</source>
        <translation>核验文件</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>Chinese (中文)</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文 (English)</translation>
    </message>
    <message>
        <source>Generate handover form</source>
        <translation>生成离职交接单</translation>
    </message>
    <message>
        <source>离职交接单, in the language chosen</source>
        <translation>按所选语言生成离职交接单</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Termination certificate</source>
        <translation>离职证明</translation>
    </message>
    <message>
        <source>离职证明: due on the termination date, whatever the state of the handover</source>
        <translation>离职证明：于解除或终止劳动合同之日出具，不论交接进度如何</translation>
    </message>
    <message>
        <source>With the ground (the employee asked)</source>
        <translation>注明解除原因（应员工要求）</translation>
    </message>
    <message>
        <source>Evidence pack…</source>
        <translation>证据包…</translation>
    </message>
    <message>
        <source>Every issued document, scans, audit events and commission lines in a signed ZIP</source>
        <translation>所有已出具的文件、扫描件、审计事件和提成明细，打包为带签名的 ZIP</translation>
    </message>
    <message>
        <source>Verify a file…</source>
        <translation>核验文件…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>签发时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>电子签名</translation>
    </message>
    <message>
        <source>Signed scan</source>
        <translation>签字扫描件</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>签字栏</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Sign on screen…</source>
        <translation>屏幕签字…</translation>
    </message>
    <message>
        <source>Void signature…</source>
        <translation>作废签字…</translation>
    </message>
    <message>
        <source>Signature blocks of the handover form</source>
        <translation>交接单签字栏</translation>
    </message>
    <message>
        <source>Attach signed scan…</source>
        <translation>上传签字扫描件…</translation>
    </message>
    <message>
        <source>Signed paper copy</source>
        <translation>纸质签字件</translation>
    </message>
    <message>
        <source>Issued documents</source>
        <translation>已签发文档</translation>
    </message>
    <message>
        <source>attached</source>
        <translation>已上传</translation>
    </message>
    <message>
        <source>Signed: the form&apos;s content was frozen on %1 by %2 (SHA-256 %3). Every new rendering shows that content, whatever changes later.</source>
        <translation>已签署：交接单内容已于 %1 由 %2 冻结（SHA-256 %3）。此后无论数据如何变化，重新生成均显示冻结的内容。</translation>
    </message>
    <message>
        <source>Not signed yet: the form shows today&apos;s data. The first signature on screen or the first signed scan freezes it.</source>
        <translation>尚未签署：交接单显示当前数据。第一次屏幕签字或上传第一份签字扫描件时内容即被冻结。</translation>
    </message>
    <message>
        <source>%1 (SHA-256 %2…), attached %3 by %4; paper original: %5</source>
        <translation>%1（SHA-256 %2…），%4 于 %3 上传；纸质原件存放于：%5</translation>
    </message>
    <message>
        <source>Signed copy archived.</source>
        <translation>签字件已归档。</translation>
    </message>
    <message>
        <source>No signed copy yet: print the form, have it signed and sealed, then attach the scan.</source>
        <translation>尚无签字件：请打印交接单，签字盖章后上传扫描件。</translation>
    </message>
    <message>
        <source>Generating: %1</source>
        <translation>正在生成：%1</translation>
    </message>
    <message>
        <source>Issued %1: %2 page(s).</source>
        <translation>已签发 %1：共 %2 页。</translation>
    </message>
    <message>
        <source>%1 %2 (%3)</source>
        <translation>%1 %2（%3）</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Signed. The form is generated again with the signature.</source>
        <translation>已签字。正在重新生成带签名的交接单。</translation>
    </message>
    <message>
        <source>Void signature</source>
        <translation>作废签字</translation>
    </message>
    <message>
        <source>Why is the signature of %1 void?</source>
        <translation>为何作废 %1 的签字？</translation>
    </message>
    <message>
        <source>Attach the signed copy</source>
        <translation>上传签字件</translation>
    </message>
    <message>
        <source>Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>扫描件 (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <source>Signed copy attached and archived.</source>
        <translation>签字件已上传并归档。</translation>
    </message>
    <message>
        <source>Save the evidence pack</source>
        <translation>保存证据包</translation>
    </message>
    <message>
        <source>Building the evidence pack</source>
        <translation>正在生成证据包</translation>
    </message>
    <message>
        <source>Evidence pack saved to %1: %2 file(s).</source>
        <translation>证据包已保存到 %1：共 %2 个文件。</translation>
    </message>
</context>
<context>
    <name>DoneDialog</name>
    <message>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <source>A scan, photo or PDF</source>
        <translation>扫描件、照片或 PDF</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Evidence (required)</source>
        <translation>证明材料（必需）</translation>
    </message>
    <message>
        <source>Evidence (optional)</source>
        <translation>证明材料（可选）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence file</source>
        <translation>证明文件</translation>
    </message>
    <message>
        <source>Scans and documents (*.pdf *.png *.jpg *.jpeg);;All files (*)</source>
        <translation>扫描件和文档 (*.pdf *.png *.jpg *.jpeg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This item needs its evidence attached.</source>
        <translation>此事项需要附上证明材料。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
</context>
<context>
    <name>EmployeeCommissions</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间状态</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>已赚取</translation>
    </message>
    <message>
        <source>Withheld</source>
        <translation>暂缓</translation>
    </message>
    <message>
        <source>Forfeited</source>
        <translation>不予发放</translation>
    </message>
    <message>
        <source>Clawed back</source>
        <translation>追回</translation>
    </message>
    <message>
        <source>Payable</source>
        <translation>应发</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>明细数</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Commission plan in force today: %1</source>
        <translation>当前适用的提成方案：%1</translation>
    </message>
</context>
<context>
    <name>EmployeeDialog</name>
    <message>
        <source>Edit employee</source>
        <translation>编辑员工</translation>
    </message>
    <message>
        <source>New employee</source>
        <translation>新建员工</translation>
    </message>
    <message>
        <source>Sells to customers (can own customers)</source>
        <translation>负责销售（可以拥有客户）</translation>
    </message>
    <message>
        <source>Non-compete agreement</source>
        <translation>竞业限制协议</translation>
    </message>
    <message>
        <source>Confidentiality duty</source>
        <translation>保密义务</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分公司</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Probation ends</source>
        <translation>试用期结束</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Departed on</source>
        <translation>离职日期</translation>
    </message>
</context>
<context>
    <name>EmployeePane</name>
    <message>
        <source>Show ID number (audited)</source>
        <translation>显示身份证号（将记入审计日志）</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分公司</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Probation ends</source>
        <translation>试用期结束</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>App account</source>
        <translation>系统账户</translation>
    </message>
    <message>
        <source>Customers owned</source>
        <translation>拥有客户数</translation>
    </message>
    <message>
        <source>Direct reports</source>
        <translation>直接下属</translation>
    </message>
    <message>
        <source>Open receivables</source>
        <translation>未收应收款</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n invoice(s))</source>
        <translation>
            <numerusform>%1（%n 张发票）</numerusform>
        </translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>non-compete</source>
        <translation>竞业限制</translation>
    </message>
    <message>
        <source>confidentiality duty</source>
        <translation>保密义务</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
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
        <source>A user name has 2 to 32 characters: lower-case letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>用户名为 2 到 32 个字符：小写字母、数字、“.”、“_”或“-”，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>Enter the person&apos;s name (at most 128 characters).</source>
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
        <source>The key file already holds a slot for {username} without an account: run baton rotate-key (it removes such slots) before adding {username}.</source>
        <translation>密钥文件中已有一个没有对应账户的 {username} 密钥槽：请先运行 baton rotate-key（它会删除此类密钥槽），再添加 {username}。</translation>
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
        <source>The disk holding {folder} is full: the database key was rotated and {username} can no longer log in, but the account is still listed. Free some space and remove {username} again.</source>
        <translation>{folder} 所在的磁盘已满：数据库密钥已轮换，{username} 已无法登录，但该账户仍在列表中。请腾出一些空间后再次删除 {username}。</translation>
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
        <extracomment>How far back the server&apos;s login_attempt table is read to count consecutive failures.</extracomment>
        <translation>{username} 不是本数据库的管理员账户。</translation>
    </message>
    <message>
        <source>The database cannot be read and the key slot of {username} does not record a role, so this restore cannot be authorised: use an administrator account that has logged in with this version of Baton.</source>
        <translation>数据库无法读取，且 {username} 的密钥槽没有记录角色，因此无法授权此次恢复：请使用已用此版本 Baton 登录过的管理员账户。</translation>
    </message>
    <message>
        <source>This backup was made under an earlier database key. Restore it from the command line with a password that was valid then: baton restore FILE.</source>
        <extracomment>What a backup file says of itself (date, kind, vault, key, size): the screens list and show these without importing storage. Accounts whose role, flags or name differ from the audit log (changed outside Baton).</extracomment>
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
        <source>The server database {database} is not empty; Baton sets up a firm only in an empty database (create one with createdb).</source>
        <translation>服务器数据库 {database} 不是空的；Baton 只在空数据库中建立公司（请用 createdb 新建一个）。</translation>
    </message>
    <message>
        <source>The backup {file} was written by a newer version of Baton (schema {revision}); this version cannot open it, so nothing was replaced. Install that version or newer to restore it.</source>
        <extracomment>{&quot;count&quot;: n, &quot;head&quot;: hash} of the audit chain in the copy (absent in older backups).</extracomment>
        <translation>备份 {file} 由更新版本的 Baton 写入（数据结构 {revision}）；当前版本无法打开它，因此未替换任何内容。请安装该版本或更新版本后再恢复。</translation>
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
        <source>The database file {file} cannot be read with this vault&apos;s key: it is damaged, truncated, or belongs to another vault. Restore a backup (Settings → Backups, or baton restore).</source>
        <extracomment>Execution option marking a connection (an engine view) whose transactions only read. For connections that read the whole file once (backups, integrity checks).</extracomment>
        <translation>无法用本数据库的密钥读取数据库文件 {file}：文件已损坏、被截断，或属于另一个数据库。请恢复备份（设置 → 备份，或 baton restore）。</translation>
    </message>
    <message>
        <source>The database is busy with another task (an import, a backup or a key rotation); nothing was changed. Try again when it finishes.</source>
        <translation>数据库正忙于另一项任务（导入、备份或密钥轮换）；未做任何更改。请在其完成后重试。</translation>
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
        <source>The database file {file} could not be read ({error}). Check the disk and try again.</source>
        <extracomment>Less free space than this and an I/O error is taken for a full disk (SQLite reports a failed -shm or -wal growth as &quot;disk I/O error&quot;, not as SQLITE_FULL).</extracomment>
        <translation>无法读取数据库文件 {file}（{error}）。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full. Free some space and try again.</source>
        <translation>存放 {folder} 的磁盘已满。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>The disk holding {folder} is full: nothing was saved. Free some space and try again.</source>
        <translation>存放 {folder} 的磁盘已满：未保存任何内容。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and try again.</source>
        <translation>磁盘已满。请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>Writing failed: {error}</source>
        <translation>写入失败：{error}</translation>
    </message>
    <message>
        <source>This database was written by a newer version of Baton (schema {revision}). Install that version or newer to open it.</source>
        <extracomment>PostgreSQL advisory lock key held while migrating (any fixed 64-bit number of ours).</extracomment>
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
        <source>The vault&apos;s key changed (another window or command rotated it or restored a backup) while this was open; nothing more was done. Close it and open the vault again.</source>
        <extracomment>How long an opener waits to hold the vault alone to settle leftovers of a crash. A temp file of a lock-free atomic write (the key file) older than this is a crash&apos;s leftover.</extracomment>
        <translation>加密数据库的密钥在打开期间已更改（另一个窗口或命令轮换了密钥或恢复了备份）；未再执行任何操作。请关闭后重新打开加密数据库。</translation>
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
        <source>The vault&apos;s key file is intact; restoring only the key file is for a lost or damaged key file. Nothing was changed.</source>
        <translation>加密数据库的密钥文件完好；仅恢复密钥文件只用于密钥文件丢失或损坏的情况。未做任何更改。</translation>
    </message>
    <message>
        <source>The key file in {file} does not open this vault&apos;s database (it belongs to another vault, or to a time before a key rotation). Nothing was changed.</source>
        <translation>{file} 中的密钥文件打不开本加密数据库的数据库（它属于另一个加密数据库，或属于密钥轮换之前的时期）。未做任何更改。</translation>
    </message>
    <message>
        <source>The key file inside {file} is damaged.</source>
        <translation>{file} 中的密钥文件已损坏。</translation>
    </message>
    <message>
        <source>The key file inside {file} does not hold the backup&apos;s key.</source>
        <translation>{file} 中的密钥文件不含该备份的密钥。</translation>
    </message>
    <message>
        <source>No Baton vault in this folder.</source>
        <translation>此文件夹中没有 Baton 数据库。</translation>
    </message>
    <message>
        <source>Both copies of the key file (baton.keys) are damaged or missing. Restore the key file from a backup: baton restore BACKUP --keys-only.</source>
        <extracomment>Called before every Argon2id run; set by ``services.context.set_thread_guard`` so the window can name a key derivation started on its GUI thread (it freezes the window). The account&apos;s role and whether it is disabled, as last written by a holder of the data key; bound into every sealed copy&apos;s associated data. ``None`` in slots of older vaults. A short check value of the password-derived key: tells &quot;wrong password&quot; apart from &quot;right password, altered slot&quot;. ``None`` in slots of older vaults. Why this slot cannot be used (its checksum or structure is wrong); ``None`` when sound. The audit chain&apos;s count and head hash, MAC&apos;d with the data key (storage/anchor.py); absent in files written before it existed, and then simply not checked.</extracomment>
        <translation>密钥文件（baton.keys）的两份副本都已损坏或丢失。请从备份恢复密钥文件：baton restore 备份 --keys-only。</translation>
    </message>
    <message>
        <source>The key slot for {user} is damaged; use another account or the recovery key.</source>
        <extracomment>The role recorded in the first slot of a new vault (models.accounts.Role.ADMIN&apos;s value).</extracomment>
        <translation>{user} 的密钥槽已损坏；请使用其他账户或恢复密钥。</translation>
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
    <message>
        <source>The key rotation could not be completed: the new key vanished from the key file while the database was re-encrypted. Restore the pre-rotation backup (baton restore).</source>
        <translation>无法完成密钥轮换：在数据库重新加密期间，新密钥从密钥文件中消失了。请恢复轮换前的备份（baton restore）。</translation>
    </message>
    <message>
        <source>{value} is not a valid value for the setting {key}.</source>
        <extracomment>No provision: the Small Enterprise Accounting Standard writes a loss off when it happens. A rate per band of years overdue (账龄分析法). Age counted from the due date (days overdue) or from the invoice date (账龄 from issue).</extracomment>
        <translation>{value} 不是设置项 {key} 的有效值。</translation>
    </message>
    <message>
        <source>The setting {key} must be between {low} and {high} (not {value}).</source>
        <translation>设置项 {key} 应在 {low} 到 {high} 之间（不能为 {value}）。</translation>
    </message>
    <message>
        <source>The setting {key} must be one of {choices} (not {value}).</source>
        <translation>设置项 {key} 只能是 {choices} 之一（不能为 {value}）。</translation>
    </message>
    <message>
        <source>Aging bucket limits must increase from one bucket to the next ({value}).</source>
        <translation>账龄区间上限必须逐档递增（{value}）。</translation>
    </message>
    <message>
        <source>A provision rate must be between 0 and 1 (100%), not {value}.</source>
        <translation>计提比例应在 0 到 1（100%）之间，不能为 {value}。</translation>
    </message>
    <message>
        <source>The last provision step, and only the last, must have no year limit.</source>
        <translation>只有最后一档计提比例不设年限上限，且最后一档必须如此。</translation>
    </message>
    <message>
        <source>Provision steps must cover increasing whole numbers of years.</source>
        <translation>各计提档次的年限必须为逐档递增的整数年。</translation>
    </message>
    <message>
        <source>A provision rate cannot fall as a receivable grows older.</source>
        <translation>账龄越长，计提比例不能越低。</translation>
    </message>
    <message>
        <source>There is no setting named {key}.</source>
        <translation>没有名为 {key} 的设置项。</translation>
    </message>
    <message>
        <source>Enter each contact&apos;s name.</source>
        <translation>请填写每位联系人的姓名。</translation>
    </message>
    <message>
        <source>Only one contact can be the primary contact.</source>
        <translation>只能有一位主要联系人。</translation>
    </message>
    <message>
        <source>Enter the customer code.</source>
        <translation>请输入客户编码。</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>请输入客户名称。</translation>
    </message>
    <message>
        <source>Payment terms are 0 to 365 days (not {value}).</source>
        <translation>账期应为 0 至 365 天（不能为 {value}）。</translation>
    </message>
    <message>
        <source>The customer code {value} is taken.</source>
        <translation>客户编码 {value} 已被使用。</translation>
    </message>
    <message>
        <source>The unified social credit code {value} belongs to customer {code} ({name}) already.</source>
        <translation>统一社会信用代码 {value} 已属于客户 {code}（{name}）。</translation>
    </message>
    <message>
        <source>Contact {id} is not one of this customer&apos;s.</source>
        <translation>联系人 {id} 不属于该客户。</translation>
    </message>
    <message>
        <source>{name} has left the firm and cannot take on customers.</source>
        <translation>{name} 已离职，不能接管客户。</translation>
    </message>
    <message>
        <source>{name} is leaving (status: {status}) and cannot take on customers; choose an active employee.</source>
        <translation>{name} 正在离职（状态：{status}），不能接管客户；请选择在职员工。</translation>
    </message>
    <message>
        <source>Employee {id} is outside your scope; you cannot give them customers.</source>
        <translation>员工 {id} 不在您的管辖范围内，您不能将客户分配给该员工。</translation>
    </message>
    <message>
        <source>Your account is not linked to an employee record; ask an administrator.</source>
        <translation>您的账户未关联员工档案，请联系管理员。</translation>
    </message>
    <message>
        <source>The change for {customer} cannot take effect on {day}: the current owner&apos;s period began on {start}. Choose a later date.</source>
        <extracomment>Reasons a manager may give when moving a customer (initial and pool_claim have their own use cases: creation and :func:`decide_claim`).</extracomment>
        <translation>{customer} 的变更不能在 {day} 生效：当前归属期始于 {start}。请选择更晚的日期。</translation>
    </message>
    <message>
        <source>The change for {customer} cannot take effect on {day}: it was owned until {end}. Choose {end} or later.</source>
        <translation>{customer} 的变更不能在 {day} 生效：其归属期到 {end} 为止。请选择 {end} 或之后的日期。</translation>
    </message>
    <message>
        <source>Someone else changed this customer&apos;s owner at the same time. Reload and try again.</source>
        <translation>其他人同时修改了该客户的归属，请重新加载后再试。</translation>
    </message>
    <message>
        <source>{customer} is owned by this employee already.</source>
        <translation>{customer} 已归属该员工。</translation>
    </message>
    <message>
        <source>{value} is not a reason for moving a customer (use: {known}).</source>
        <translation>{value} 不是客户调整的有效原因（可用：{known}）。</translation>
    </message>
    <message>
        <source>Give the reason for releasing the customer to the public pool.</source>
        <translation>请填写将客户放入公海的原因。</translation>
    </message>
    <message>
        <source>{customer} has no owner to release it.</source>
        <translation>{customer} 当前无归属人，无需释放。</translation>
    </message>
    <message>
        <source>A customer is released today or on a past date.</source>
        <translation>客户只能在今天或过去的日期释放。</translation>
    </message>
    <message>
        <source>{customer} is not in the public pool.</source>
        <translation>{customer} 不在公海中。</translation>
    </message>
    <message>
        <source>Choose the employee who would own the customer.</source>
        <translation>请选择将接管该客户的员工。</translation>
    </message>
    <message>
        <source>You can claim customers only for yourself.</source>
        <translation>您只能为自己申领客户。</translation>
    </message>
    <message>
        <source>A claim for {customer} is waiting for approval.</source>
        <translation>{customer} 的申领正在等待审批。</translation>
    </message>
    <message>
        <source>Claim {id} does not exist.</source>
        <translation>申领 {id} 不存在。</translation>
    </message>
    <message>
        <source>This claim was decided already ({status}).</source>
        <translation>该申领已处理（{status}）。</translation>
    </message>
    <message>
        <source>You made this claim; another manager must decide it.</source>
        <translation>该申领由您提出，须由其他经理审批。</translation>
    </message>
    <message>
        <source>Demo data can only be added to an empty firm: this vault already holds staff or customers.</source>
        <extracomment>Receipts planned but not yet written: (customer id, day) → {receivable id: fen}. Page cache (KiB) for the one generating transaction; the connection&apos;s own is put back after. The standard 回款提成 plan a tried-out demo firm starts with (named like the rest of it).</extracomment>
        <translation>演示数据只能添加到空白企业：此数据库中已有员工或客户。</translation>
    </message>
    <message>
        <source>Unknown demo size {size}: choose one of small, medium or large.</source>
        <translation>未知的演示数据规模 {size}：请选择 small、medium 或 large。</translation>
    </message>
    <message>
        <source>Write what was discussed.</source>
        <translation>请填写沟通内容。</translation>
    </message>
    <message>
        <source>{value} is not a known contact channel.</source>
        <translation>{value} 不是已知的联系方式。</translation>
    </message>
    <message>
        <source>A follow-up cannot be dated in the future ({day}).</source>
        <translation>跟进记录的日期不能晚于今天（{day}）。</translation>
    </message>
    <message>
        <source>You can record only your own follow-ups.</source>
        <translation>您只能记录自己的跟进。</translation>
    </message>
    <message>
        <source>Commission plan {id} does not exist.</source>
        <translation>提成方案 {id} 不存在。</translation>
    </message>
    <message>
        <source>{value} is not one of: {known}.</source>
        <extracomment>Warnings about forfeiting earned commission (the others are notes).</extracomment>
        <translation>{value} 不是以下之一：{known}。</translation>
    </message>
    <message>
        <source>The flat rate is not a number.</source>
        <translation>固定费率不是数字。</translation>
    </message>
    <message>
        <source>The rate of tier {n} is not a number.</source>
        <translation>第 {n} 档的费率不是数字。</translation>
    </message>
    <message>
        <source>The flat rate cannot be negative.</source>
        <translation>固定费率不能为负数。</translation>
    </message>
    <message>
        <source>The rate of tier {n} cannot be negative.</source>
        <translation>第 {n} 档的费率不能为负数。</translation>
    </message>
    <message>
        <source>The flat rate cannot be more than 100%.</source>
        <translation>固定费率不能超过 100%。</translation>
    </message>
    <message>
        <source>The rate of tier {n} cannot be more than 100%.</source>
        <translation>第 {n} 档的费率不能超过 100%。</translation>
    </message>
    <message>
        <source>The flat rate has more than four decimals of a percent.</source>
        <translation>固定费率百分比小数超过四位。</translation>
    </message>
    <message>
        <source>The rate of tier {n} has more than four decimals of a percent.</source>
        <translation>第 {n} 档的费率百分比小数超过四位。</translation>
    </message>
    <message>
        <source>A bound of tier {n} is not an amount.</source>
        <translation>第 {n} 档的界限不是金额。</translation>
    </message>
    <message>
        <source>A bound of tier {n} cannot be negative.</source>
        <translation>第 {n} 档的界限不能为负数。</translation>
    </message>
    <message>
        <source>A bound of tier {n} has more than two decimals.</source>
        <translation>第 {n} 档的界限小数超过两位。</translation>
    </message>
    <message>
        <source>A tiered plan needs at least one tier.</source>
        <translation>分档方案至少需要一个档位。</translation>
    </message>
    <message>
        <source>Tier {n} must end above where it starts ({lower}).</source>
        <translation>第 {n} 档的上限必须高于其下限（{lower}）。</translation>
    </message>
    <message>
        <source>The first tier must start at 0 (it starts at {lower}): a monthly base below it would earn nothing.</source>
        <translation>第一档必须从 0 开始（现为 {lower}）：低于它的当月基数将没有提成。</translation>
    </message>
    <message>
        <source>Tier {n} has no upper limit, so tier {next} can never apply: only the last tier may be open-ended.</source>
        <translation>第 {n} 档没有上限，第 {next} 档永远不会适用：只有最后一档可以不设上限。</translation>
    </message>
    <message>
        <source>Tiers {n} and {next} overlap: tier {n} ends at {upper} but tier {next} starts at {lower}.</source>
        <translation>第 {n} 档与第 {next} 档重叠：第 {n} 档止于 {upper}，而第 {next} 档起于 {lower}。</translation>
    </message>
    <message>
        <source>There is a gap between tier {n} (ends at {upper}) and tier {next} (starts at {lower}): a monthly base in between would have no rate.</source>
        <translation>第 {n} 档（止于 {upper}）与第 {next} 档（起于 {lower}）之间有空档：落在其间的当月基数将没有费率。</translation>
    </message>
    <message>
        <source>The last tier must have no upper limit (it ends at {upper}): a larger monthly base would have no rate.</source>
        <translation>最后一档不能设上限（现止于 {upper}）：更高的当月基数将没有费率。</translation>
    </message>
    <message>
        <source>Enter a number of days from {low} to {high}.</source>
        <translation>请填写 {low} 到 {high} 之间的天数。</translation>
    </message>
    <message>
        <source>Enter the plan&apos;s name.</source>
        <translation>请填写方案名称。</translation>
    </message>
    <message>
        <source>A plan named {value} exists already.</source>
        <translation>名为 {value} 的方案已存在。</translation>
    </message>
    <message>
        <source>The plan cannot end ({until}) before it starts ({start}).</source>
        <translation>方案的截止日期（{until}）不能早于生效日期（{start}）。</translation>
    </message>
    <message>
        <source>A split needs two whole numbers from 1 to 1000 (e.g. 50:50 or 70:30).</source>
        <translation>分成比例需要两个 1 到 1000 之间的整数（例如 50:50 或 70:30）。</translation>
    </message>
    <message>
        <source>Assign the plan to at least one position or employee.</source>
        <translation>请把方案至少分配给一个岗位或一名员工。</translation>
    </message>
    <message>
        <source>Employee {id} does not exist.</source>
        <translation>员工 {id} 不存在。</translation>
    </message>
    <message>
        <source>The plan {name} has produced {count} commission lines and is kept as their record: give it a last day instead of deleting it.</source>
        <translation>方案 {name} 已产生 {count} 条提成明细，需作为记录保留：请设置截止日期，而不是删除。</translation>
    </message>
    <message>
        <source>The plan file is not valid: {problem}.</source>
        <extracomment>The JSON a plan file holds; employees by number and positions by name, so a file made in one vault reads in another.</extracomment>
        <translation>方案文件无效：{problem}。</translation>
    </message>
    <message>
        <source>{name} had left the firm by {day}.</source>
        <translation>{name} 在 {day} 已离职。</translation>
    </message>
    <message>
        <source>The file has no data rows; nothing was imported.</source>
        <extracomment>The file&apos;s row numbers of total rows (合计/小计/总计), skipped rather than imported. The header&apos;s row number (below any title rows) and the sheet read. Rows that would update a record already in the vault, and rows equal to one. What each updating row changes: (row number, record&apos;s key, fields changed), in file order — the preview of a re-import (kinds that record it).</extracomment>
        <translation>文件中没有数据行，未导入任何内容。</translation>
    </message>
    <message>
        <source>{rows} row(s) have errors ({count} problems); nothing was imported.</source>
        <translation>{rows} 行有错误（共 {count} 处问题），未导入任何内容。</translation>
    </message>
    <message>
        <source>Unknown import kind {kind}: choose one of {kinds}.</source>
        <translation>未知的导入类型 {kind}：请从 {kinds} 中选择。</translation>
    </message>
    <message>
        <source>the mapping names an unknown field {field}</source>
        <translation>列映射中指定了未知字段 {field}</translation>
    </message>
    <message>
        <source>unknown column {column}: map it to a field or to &apos;ignore&apos;</source>
        <translation>未知列 {column}：请将其映射到某个字段或设为“忽略”</translation>
    </message>
    <message>
        <source>unknown column {column}: probably the field {field}; map it to that field or to &apos;ignore&apos;</source>
        <translation>无法识别的列 {column}：可能是字段 {field}；请把它对应到该字段，或设为“忽略”</translation>
    </message>
    <message>
        <source>a second column for the field {field}</source>
        <translation>字段 {field} 出现了第二列</translation>
    </message>
    <message>
        <source>the required column {column} is missing</source>
        <translation>缺少必需的列 {column}</translation>
    </message>
    <message>
        <source>Cannot write the report {file}: the folder {folder} does not exist.</source>
        <translation>无法写入报告 {file}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Cannot write the report {file}: {error}</source>
        <translation>无法写入报告 {file}：{error}</translation>
    </message>
    <message>
        <source>{count} employees are named {value}: use the employee number</source>
        <translation>有 {count} 名员工叫 {value}：请使用工号</translation>
    </message>
    <message>
        <source>no employee with this number or name</source>
        <translation>没有此工号或姓名的员工</translation>
    </message>
    <message>
        <source>{count} customers are named {value}: use the customer code</source>
        <translation>有 {count} 个客户叫 {value}：请使用客户编码</translation>
    </message>
    <message>
        <source>no customer with this code or name</source>
        <translation>没有此编码或名称的客户</translation>
    </message>
    <message>
        <source>a value is required</source>
        <extracomment>The CSV lines this row spans (first, last), to name them when a quote joined rows.</extracomment>
        <translation>必须填写</translation>
    </message>
    <message>
        <source>longer than {max} characters</source>
        <translation>超过 {max} 个字符</translation>
    </message>
    <message>
        <source>not a plausible date: dates from {earliest} to {latest} are accepted</source>
        <translation>日期不合理：只接受 {earliest} 至 {latest} 之间的日期</translation>
    </message>
    <message>
        <source>this cell runs over lines {first} to {last} of the file: a quote (&quot;) left open has probably joined rows; close the quote or remove it</source>
        <translation>此单元格跨越了文件第 {first} 至 {last} 行：可能是未闭合的引号（&quot;）把几行合并成了一行；请补上闭合引号或删除该引号</translation>
    </message>
    <message>
        <source>a line break or tab ({char}) at position {position}: must be one line</source>
        <translation>第 {position} 个字符处有换行符或制表符（{char}）：只能填写一行</translation>
    </message>
    <message>
        <source>an invisible or control character ({char}) at position {position}: retype the value without it</source>
        <translation>第 {position} 个字符处有不可见字符或控制字符（{char}）：请去掉该字符后重新填写</translation>
    </message>
    <message>
        <source>this row has {cells} cells but the header only {columns}: a comma or a quote inside a cell has probably split or joined cells</source>
        <translation>此行有 {cells} 个单元格，而表头只有 {columns} 列：可能是单元格内的逗号或引号拆分或合并了单元格</translation>
    </message>
    <message>
        <source>this row (line {line} of the file) has {cells} cells but the header only {columns}: a comma or a quote inside a cell has probably split or joined cells</source>
        <translation>此行（文件第 {line} 行）有 {cells} 个单元格，而表头只有 {columns} 列：可能是单元格内的逗号或引号拆分或合并了单元格</translation>
    </message>
    <message>
        <source>this row (lines {first} to {last} of the file) has {cells} cells but the header only {columns}: a comma or a quote inside a cell has probably split or joined cells</source>
        <translation>此行（文件第 {first} 至 {last} 行）有 {cells} 个单元格，而表头只有 {columns} 列：可能是单元格内的逗号或引号拆分或合并了单元格</translation>
    </message>
    <message>
        <source>already in the database</source>
        <translation>数据库中已存在</translation>
    </message>
    <message>
        <source>duplicate of row {other} in this file</source>
        <translation>与本文件第 {other} 行重复</translation>
    </message>
    <message>
        <source>There is no branch {branch}; the branches are {branches}.</source>
        <extracomment>The file column naming an employee&apos;s manager (an employee number, not a role).</extracomment>
        <translation>没有分公司 {branch}；现有分公司：{branches}。</translation>
    </message>
    <message>
        <source>the department needs a branch, and the vault has {count} branches: add a branch (分公司) column or choose the branch for the whole file</source>
        <translation>部门需要归属分公司，而系统中有 {count} 个分公司：请增加“分公司”列，或为整个文件选择分公司</translation>
    </message>
    <message>
        <source>more than a year in the future</source>
        <translation>比今天晚了一年以上</translation>
    </message>
    <message>
        <source>unknown status (在职/待离职/交接中/离职)</source>
        <translation>未知状态（在职/待离职/交接中/离职）</translation>
    </message>
    <message>
        <source>this employee has departed and cannot own customers</source>
        <translation>该员工已离职，不能拥有客户</translation>
    </message>
    <message>
        <source>an assignment date needs an owner in the same row</source>
        <translation>有分配日期时，同一行必须填写业务员</translation>
    </message>
    <message>
        <source>must not be in the future</source>
        <translation>不能是将来的日期</translation>
    </message>
    <message>
        <source>a contact phone needs the contact&apos;s name (联系人) in the same row</source>
        <translation>填写了联系电话，同一行也必须填写联系人姓名（联系人）</translation>
    </message>
    <message>
        <source>payment terms must be 0 to 720 days</source>
        <translation>账期必须为 0 到 720 天</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <extracomment>The number of the receivable raised for a waybill (``--receivables``).</extracomment>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>this customer already has its owner in the vault: change owners with the ownership import or a transfer, not the customer list</source>
        <translation>该客户在系统中已有归属业务员：请通过归属历史导入或客户移交更换业务员，而不是通过客户名单</translation>
    </message>
    <message>
        <source>unknown reason (初始/调整/交接/公海认领)</source>
        <translation>未知原因（初始/调整/交接/公海认领）</translation>
    </message>
    <message>
        <source>the customer already has an owner from {day} on</source>
        <translation>该客户从 {day} 起已有归属人</translation>
    </message>
    <message>
        <source>unknown service type (整车/零担/快递/仓储)</source>
        <translation>未知业务类型（整车/零担/快递/仓储）</translation>
    </message>
    <message>
        <source>unknown status</source>
        <translation>未知状态</translation>
    </message>
    <message>
        <source>this employee has departed and cannot take orders</source>
        <translation>该员工已离职，不能再作为运单业务员</translation>
    </message>
    <message>
        <source>the receivable {receivable} for this waybill already exists</source>
        <translation>此运单的应收款 {receivable} 已存在</translation>
    </message>
    <message>
        <source>this waybill is already invoiced ({receivable}): its customer and amount change with the invoice, not by importing it again</source>
        <translation>此运单已开票（{receivable}）：其客户和金额须随发票一起更改，不能通过重新导入修改</translation>
    </message>
    <message>
        <source>must be more than zero</source>
        <translation>必须大于零</translation>
    </message>
    <message>
        <source>due before it was issued</source>
        <translation>到期日早于开票日期</translation>
    </message>
    <message>
        <source>no waybill numbered {number}</source>
        <translation>没有运单号为 {number} 的运单</translation>
    </message>
    <message>
        <source>invoice {number} is already in the vault for another customer; its customer is not changed by importing it again</source>
        <extracomment>The file&apos;s field names that differ from the invoice&apos;s columns.</extracomment>
        <translation>发票 {number} 已存在且属于另一客户；重新导入不会修改发票的客户</translation>
    </message>
    <message>
        <source>invoice {number} is already in the vault with other waybills; its waybills are not changed by importing it again</source>
        <translation>发票 {number} 已存在且关联其他运单；重新导入不会修改发票关联的运单</translation>
    </message>
    <message>
        <source>less than the {settled} already paid or written off on invoice {number}</source>
        <translation>低于发票 {number} 已回款或核销的 {settled}</translation>
    </message>
    <message>
        <source>no open invoice numbered {number}</source>
        <translation>没有号码为 {number} 的未结清发票</translation>
    </message>
    <message>
        <source>invoice {number} belongs to another customer</source>
        <translation>发票 {number} 属于另一个客户</translation>
    </message>
    <message>
        <source>more than the {open} still open on invoice {number}</source>
        <translation>超过发票 {number} 尚未收回的 {open}</translation>
    </message>
    <message>
        <source>{left} more than the customer&apos;s open invoices</source>
        <translation>比该客户未结清的发票多出 {left}</translation>
    </message>
    <message>
        <source>matches {existing} payments already in the vault of this customer, day and amount, while the file has {rows}: give each its reference (流水号) to tell them apart</source>
        <extracomment>The file&apos;s field names that differ from the payment&apos;s columns.</extracomment>
        <translation>系统中已有 {existing} 笔该客户同日同金额的回款，而文件中有 {rows} 笔：请为每笔填写流水号以便区分</translation>
    </message>
    <message>
        <source>payment {reference} is already in the vault for another customer; a payment applied to invoices is not changed by importing it again</source>
        <translation>回款 {reference} 已存在且属于另一客户；已核销到发票的回款不会因重新导入而修改</translation>
    </message>
    <message>
        <source>payment {reference} is already in the vault with another amount; a payment applied to invoices is not changed by importing it again</source>
        <translation>回款 {reference} 已存在且金额不同；已核销到发票的回款不会因重新导入而修改</translation>
    </message>
    <message>
        <source>unknown channel (电话/拜访/微信/邮件/会议/其他)</source>
        <translation>未知跟进方式（电话/拜访/微信/邮件/会议/其他）</translation>
    </message>
    <message>
        <source>matches {existing} follow-ups already in the vault of this customer, day, employee and channel, while the file has {rows}: import these rows once, or change them in the window</source>
        <translation>系统中已有 {existing} 条该客户同日、同跟进人、同方式的跟进记录，而文件中有 {rows} 条：请只导入一次，或在窗口中修改</translation>
    </message>
    <message>
        <source>{file} is not a JSON mapping file.</source>
        <extracomment>How far down a title block may push the header.</extracomment>
        <translation>{file} 不是 JSON 列映射文件。</translation>
    </message>
    <message>
        <source>Invalid page: offset {offset}, limit {limit}.</source>
        <extracomment>The largest page a caller may ask for; exports read in pages of this size.</extracomment>
        <translation>分页参数无效：偏移 {offset}，条数 {limit}。</translation>
    </message>
    <message>
        <source>Unknown filter {name}; known filters: {known}.</source>
        <translation>未知的筛选条件 {name}；可用筛选：{known}。</translation>
    </message>
    <message>
        <source>Cannot sort by {name}; possible: {known}.</source>
        <translation>不能按 {name} 排序；可用：{known}。</translation>
    </message>
    <message>
        <source>Order {id} does not exist or is outside what you may see.</source>
        <translation>运单 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>Invoice {id} does not exist or is outside what you may see.</source>
        <translation>发票 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>{name} had left the firm by {day} and cannot be named here.</source>
        <translation>{name} 在 {day} 已离职，不能在此指定。</translation>
    </message>
    <message>
        <source>You may not attribute records to employee {id} (outside your scope).</source>
        <extracomment>Why a leaver&apos;s past order is entered after their order lock began (managers only).</extracomment>
        <translation>您不能将记录计入员工 {id} 名下（超出您的管辖范围）。</translation>
    </message>
    <message>
        <source>Enter the waybill number.</source>
        <translation>请输入运单号。</translation>
    </message>
    <message>
        <source>The waybill number {value} exists already.</source>
        <translation>运单号 {value} 已存在。</translation>
    </message>
    <message>
        <source>{value} is not a known service type.</source>
        <translation>{value} 不是已知的业务类型。</translation>
    </message>
    <message>
        <source>{value} is not a known order status.</source>
        <translation>{value} 不是已知的运单状态。</translation>
    </message>
    <message>
        <source>The waybill {number} is invoiced: its customer and revenue can no longer change.</source>
        <translation>运单 {number} 已开票：客户和收入不能再修改。</translation>
    </message>
    <message>
        <source>Enter the invoice number.</source>
        <translation>请输入发票号。</translation>
    </message>
    <message>
        <source>The invoice number {value} exists already.</source>
        <translation>发票号 {value} 已存在。</translation>
    </message>
    <message>
        <source>The due date ({due}) cannot be before the invoice date ({issued}).</source>
        <translation>到期日（{due}）不能早于开票日（{issued}）。</translation>
    </message>
    <message>
        <source>Waybill {id} is not one of this customer&apos;s.</source>
        <translation>运单 {id} 不属于该客户。</translation>
    </message>
    <message>
        <source>The waybill {number} is invoiced already or cancelled.</source>
        <translation>运单 {number} 已开票或已取消。</translation>
    </message>
    <message>
        <source>Give the reason for the write-off.</source>
        <extracomment>The invoice list with what is paid and outstanding on the list&apos;s day, oldest due first.</extracomment>
        <translation>请填写核销原因。</translation>
    </message>
    <message>
        <source>Only {outstanding} is outstanding on invoice {number}; cannot write off {amount}.</source>
        <translation>发票 {number} 仅剩 {outstanding} 未收，不能核销 {amount}。</translation>
    </message>
    <message>
        <source>A write-off cannot be dated before the invoice ({day}).</source>
        <translation>核销日期不能早于开票日（{day}）。</translation>
    </message>
    <message>
        <source>Invoice {id} is not one of this customer&apos;s.</source>
        <translation>发票 {id} 不属于该客户。</translation>
    </message>
    <message>
        <source>Invoice {number} has only {outstanding} outstanding; {amount} cannot be allocated to it.</source>
        <translation>发票 {number} 仅剩 {outstanding} 未收，不能核销分配 {amount}。</translation>
    </message>
    <message>
        <source>The allocations ({allocated}) exceed what is left of the payment ({left}).</source>
        <translation>分配金额（{allocated}）超过该笔回款的剩余金额（{left}）。</translation>
    </message>
    <message>
        <source>A payment with the reference {value} exists already.</source>
        <translation>流水号为 {value} 的回款已存在。</translation>
    </message>
    <message>
        <source>Payment {id} does not exist.</source>
        <translation>回款 {id} 不存在。</translation>
    </message>
    <message>
        <source>Customer {id} does not exist or is outside what you may see.</source>
        <translation>客户 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>Employee {id} does not exist or is outside what you may see.</source>
        <translation>员工 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>Enter the department&apos;s name.</source>
        <translation>请输入部门名称。</translation>
    </message>
    <message>
        <source>Branch {id} does not exist.</source>
        <translation>分公司 {id} 不存在。</translation>
    </message>
    <message>
        <source>Department {id} does not exist.</source>
        <translation>部门 {id} 不存在。</translation>
    </message>
    <message>
        <source>The branch already has a department named {name}.</source>
        <translation>该分公司已有名为 {name} 的部门。</translation>
    </message>
    <message>
        <source>Enter the position&apos;s name.</source>
        <translation>请输入岗位名称。</translation>
    </message>
    <message>
        <source>{value} is not a known position category.</source>
        <translation>{value} 不是已知的岗位类别。</translation>
    </message>
    <message>
        <source>Position {id} does not exist.</source>
        <translation>岗位 {id} 不存在。</translation>
    </message>
    <message>
        <source>A position named {name} exists already.</source>
        <translation>名为 {name} 的岗位已存在。</translation>
    </message>
    <message>
        <source>Enter the employee number.</source>
        <extracomment>The staff list: managers see their branch; ID numbers are never in it.</extracomment>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <source>Enter the employee&apos;s name.</source>
        <translation>请输入员工姓名。</translation>
    </message>
    <message>
        <source>The employee number {value} is taken.</source>
        <translation>工号 {value} 已被使用。</translation>
    </message>
    <message>
        <source>{value} is not a known employee status.</source>
        <translation>{value} 不是已知的员工状态。</translation>
    </message>
    <message>
        <source>The probation cannot end ({end}) before the hire date ({start}).</source>
        <translation>试用期结束日（{end}）不能早于入职日（{start}）。</translation>
    </message>
    <message>
        <source>The departure date ({end}) cannot be before the hire date ({start}).</source>
        <translation>离职日期（{end}）不能早于入职日（{start}）。</translation>
    </message>
    <message>
        <source>A departed employee needs a departure date.</source>
        <translation>已离职员工须填写离职日期。</translation>
    </message>
    <message>
        <source>A departure date is set only when the status is departed.</source>
        <translation>只有状态为“已离职”时才可填写离职日期。</translation>
    </message>
    <message>
        <source>The department {name} belongs to another branch.</source>
        <translation>部门 {name} 属于其他分公司。</translation>
    </message>
    <message>
        <source>The manager (employee {id}) does not exist.</source>
        <translation>上级（员工 {id}）不存在。</translation>
    </message>
    <message>
        <source>{name} has left the firm and cannot be a manager.</source>
        <translation>{name} 已离职，不能担任上级。</translation>
    </message>
    <message>
        <source>An employee cannot be their own manager, even indirectly.</source>
        <translation>员工不能成为自己的上级（包括间接上级）。</translation>
    </message>
    <message>
        <source>{name} still owns {count} customers after {day}. Hand them over (or release them to the pool) before marking the departure.</source>
        <translation>{name} 在 {day} 之后仍名下有 {count} 个客户。请先完成客户交接（或释放到公海），再标记离职。</translation>
    </message>
    <message>
        <source>A {role} account must be linked to its employee record (their customers and branch come from it): choose the employee.</source>
        <translation>{role} 账户必须关联其员工档案（其客户和分公司来自员工档案）：请选择员工。</translation>
    </message>
    <message>
        <source>{name} is already linked to the account {username}.</source>
        <translation>{name} 已关联账户 {username}。</translation>
    </message>
    <message>
        <source>There is no employee with the number {value}.</source>
        <translation>没有工号为 {value} 的员工。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GBK/GB18030 text (byte {position} cannot be read). Save it from Excel as CSV UTF-8 or as XLSX.</source>
        <extracomment>The largest file an import reads: a million orders as CSV is about 100 MB. Anything larger (or a device like /dev/zero) is refused before a byte is read. Each data row&apos;s row number in the sheet (workbooks: blank rows kept out of the rows but counted), so a reported row is the one the spreadsheet shows. The header&apos;s row number in the file (title rows above it are skipped). Offsets in ``rows`` of rows that are totals (合计), skipped and reported. The workbook&apos;s sheets, in order (empty for CSV).</extracomment>
        <translation>该文件既不是 UTF-8 也不是 GBK/GB18030 文本（第 {position} 个字节无法读取）。请在 Excel 中另存为“CSV UTF-8”或 XLSX。</translation>
    </message>
    <message>
        <source>{file} is not an Excel workbook (.xlsx), or it is damaged.</source>
        <translation>{file} 不是 Excel 工作簿（.xlsx），或已损坏。</translation>
    </message>
    <message>
        <source>{file} cannot be opened: {error}</source>
        <translation>无法打开 {file}：{error}</translation>
    </message>
    <message>
        <source>{file} is empty.</source>
        <translation>{file} 是空的。</translation>
    </message>
    <message>
        <source>{file} is not a file but a folder, a device or a pipe: choose a .csv or .xlsx file.</source>
        <translation>{file} 不是普通文件，而是文件夹、设备或管道：请选择 .csv 或 .xlsx 文件。</translation>
    </message>
    <message>
        <source>{file} is larger than {max} MB, more than an import can take: split it into several files.</source>
        <translation>{file} 大于 {max} MB，超出了一次导入的上限：请拆分成几个文件。</translation>
    </message>
    <message>
        <source>{file}: only .csv, .xlsx and .xls files can be imported.</source>
        <translation>{file}：只能导入 .csv、.xlsx 和 .xls 文件。</translation>
    </message>
    <message>
        <source>line {line} of the file: a quote (&quot;) opened there is never closed; close it or remove it</source>
        <translation>文件第 {line} 行：此处的引号（&quot;）没有闭合；请补上闭合引号或删除该引号</translation>
    </message>
    <message>
        <source>line {line} of the file cannot be read: a quote (&quot;) in a cell is followed by more text; put quotes around the whole cell and double the quotes inside it</source>
        <translation>文件第 {line} 行无法读取：单元格中的引号（&quot;）后面还有其他文字；请用引号括住整个单元格，并把单元格内的引号写成两个</translation>
    </message>
    <message>
        <source>{file} has no sheet {sheet}; its sheets are {sheets}.</source>
        <extracomment>How a workbook starts: a zip (.xlsx) or an OLE2 compound file (.xls).</extracomment>
        <translation>{file} 中没有工作表 {sheet}；它的工作表有：{sheets}。</translation>
    </message>
    <message>
        <source>not an amount</source>
        <extracomment>Cells read as amounts, dates, numbers or choices are short; a longer one is refused before it is parsed (Decimal and int of a 5-million-digit text take their time).</extracomment>
        <translation>不是金额</translation>
    </message>
    <message>
        <source>too large: amounts must be below {max} yuan</source>
        <translation>金额过大：金额必须小于 {max} 元</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>不是日期</translation>
    </message>
    <message>
        <source>no such day</source>
        <translation>没有这一天</translation>
    </message>
    <message>
        <source>not a date (use 2026-01-05, 2026/1/5 or 2026年1月5日)</source>
        <translation>不是日期（请使用 2026-01-05、2026/1/5 或 2026年1月5日）</translation>
    </message>
    <message>
        <source>not a whole number</source>
        <translation>不是整数</translation>
    </message>
    <message>
        <source>not yes/no (是/否)</source>
        <translation>不是“是/否”</translation>
    </message>
    <message>
        <source>The unified social credit code {value} must have 18 characters (it has {length}).</source>
        <translation>统一社会信用代码 {value} 应为 18 位（现为 {length} 位）。</translation>
    </message>
    <message>
        <source>The unified social credit code {value} contains {char}, which such codes never use (not allowed: I, O, S, V, Z and punctuation).</source>
        <translation>统一社会信用代码 {value} 含有 {char}，此类代码不使用该字符（不允许 I、O、S、V、Z 及标点）。</translation>
    </message>
    <message>
        <source>The unified social credit code {value} must have a 6-digit region code in positions 3 to 8.</source>
        <translation>统一社会信用代码 {value} 的第 3 至 8 位应为 6 位数字的行政区划码。</translation>
    </message>
    <message>
        <source>The unified social credit code {value} is not valid: its last character should be {expected}, not {found}. Check it for a typing error.</source>
        <translation>统一社会信用代码 {value} 无效：最后一位应为 {expected}，而不是 {found}。请检查是否输错。</translation>
    </message>
    <message>
        <source>The ID number {value} has no valid birth date.</source>
        <translation>身份证号 {value} 中的出生日期无效。</translation>
    </message>
    <message>
        <source>The ID number {value} is not valid: its last character should be {expected}. Check it for a typing error.</source>
        <translation>身份证号 {value} 无效：最后一位应为 {expected}。请检查是否输错。</translation>
    </message>
    <message>
        <source>The ID number must be an 18-character resident ID or another document number of 5 to 32 letters and digits.</source>
        <translation>证件号码应为 18 位居民身份证号，或由 5 至 32 位字母和数字组成的其他证件号码。</translation>
    </message>
    <message>
        <source>The phone number {value} does not look right: enter an 11-digit mobile number, a landline with its area code (e.g. 021-12345678) or +country code and number.</source>
        <translation>电话号码 {value} 格式不对：请输入 11 位手机号、带区号的固定电话（如 021-12345678）或“+国家代码+号码”。</translation>
    </message>
    <message>
        <source>The e-mail address {value} does not look right.</source>
        <translation>电子邮箱 {value} 格式不对。</translation>
    </message>
    <message>
        <source>The text contains an invisible or control character ({char}) at position {position}: retype it without that character.</source>
        <extracomment>Texts allowed this long or longer are free text (notes, comments, a clause&apos;s body): they may hold line breaks and tabs. Shorter ones (names, codes, phones, places) are one line.</extracomment>
        <translation>文本第 {position} 个字符处有不可见字符或控制字符（{char}）：请去掉该字符后重新输入。</translation>
    </message>
    <message>
        <source>The text contains a line break or a tab ({char}) at position {position}; it must be one line.</source>
        <translation>文本第 {position} 个字符处有换行符或制表符（{char}）；此处只能填写一行。</translation>
    </message>
    <message>
        <source>“{value}” is too long: at most {max} characters.</source>
        <translation>“{value}”过长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>The date {value} is not plausible: dates from {earliest} to {latest} are accepted.</source>
        <extracomment>The first day Baton accepts for a business date (an order, an invoice, a hire, a payment). How far ahead a business date may lie: a due date, a planned last working day.</extracomment>
        <translation>日期 {value} 不合理：只接受 {earliest} 至 {latest} 之间的日期。</translation>
    </message>
    <message>
        <source>“{value}” is not an amount in yuan.</source>
        <translation>“{value}”不是有效的人民币金额。</translation>
    </message>
    <message>
        <source>The amount {value} must be greater than zero.</source>
        <translation>金额 {value} 必须大于零。</translation>
    </message>
    <message>
        <source>The amount {value} cannot be negative.</source>
        <translation>金额 {value} 不能为负数。</translation>
    </message>
    <message>
        <source>The search is too long: at most {max} characters and {terms} words.</source>
        <extracomment>Money columns hold integer fen in a 64-bit integer; this bound leaves ample headroom. A search is a few words a person types; longer ones are refused before they reach the SQL (SQLite refuses LIKE patterns beyond 50,000 bytes, and every word adds a condition).</extracomment>
        <translation>搜索内容过长：最多 {max} 个字符、{terms} 个词。</translation>
    </message>
    <message>
        <source>The amount {value} is too large.</source>
        <translation>金额 {value} 过大。</translation>
    </message>
    <message>
        <source>The bench folder holds a vault with {count} customers, not the {size} dataset; use another --work-dir.</source>
        <translation>测评文件夹中的数据库有 {count} 个客户，不是 {size} 数据集；请换一个 --work-dir。</translation>
    </message>
    <message>
        <source>Unknown dataset size {size}.</source>
        <translation>未知的数据集规模 {size}。</translation>
    </message>
    <message>
        <source>Enter the contract number.</source>
        <translation>请输入合同编号。</translation>
    </message>
    <message>
        <source>The contract number {value} exists already.</source>
        <translation>合同编号 {value} 已存在。</translation>
    </message>
    <message>
        <source>A contract cannot end before it starts.</source>
        <translation>合同的结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>A contract closes as ended or terminated (not {value}).</source>
        <translation>合同只能以到期或解除结束（而不是 {value}）。</translation>
    </message>
    <message>
        <source>Contract {id} does not exist.</source>
        <translation>合同 {id} 不存在。</translation>
    </message>
    <message>
        <source>Case {case} cannot {move}:</source>
        <extracomment>The forward move from each state (what ``baton departure advance`` does).</extracomment>
        <translation>离职单 {case} 无法执行 {move}：</translation>
    </message>
    <message>
        <source>Departure case {case} is {state}: there is no next step.</source>
        <translation>离职单 {case} 处于 {state} 状态：没有下一步。</translation>
    </message>
    <message>
        <source>{name} is recorded as departed already.</source>
        <translation>{name} 已登记为离职。</translation>
    </message>
    <message>
        <source>A dismissal needs its reason recorded.</source>
        <translation>辞退须记录原因。</translation>
    </message>
    <message>
        <source>Nobody approves their own departure.</source>
        <translation>任何人都不能审批自己的离职。</translation>
    </message>
    <message>
        <source>You submitted case {case}: another person approves it (separation of duties).</source>
        <translation>案件 {case} 由您提交：须由另一人批准（职责分离）。</translation>
    </message>
    <message>
        <source>The handover items have not been generated.</source>
        <translation>交接事项尚未生成。</translation>
    </message>
    <message>
        <source>{count} customer has no successor</source>
        <extracomment>Items left without a successor, per kind: (kind, message for one, message for several).</extracomment>
        <translation>{count} 个客户没有接任人</translation>
    </message>
    <message>
        <source>{count} customers have no successor</source>
        <translation>{count} 个客户没有接任人</translation>
    </message>
    <message>
        <source>{count} open receivable has nobody to collect it</source>
        <translation>{count} 笔未结应收款没有收款负责人</translation>
    </message>
    <message>
        <source>{count} open receivables have nobody to collect them</source>
        <translation>{count} 笔未结应收款没有收款负责人</translation>
    </message>
    <message>
        <source>{count} open order has no successor</source>
        <translation>{count} 张在途运单没有接任人</translation>
    </message>
    <message>
        <source>{count} open orders have no successor</source>
        <translation>{count} 张在途运单没有接任人</translation>
    </message>
    <message>
        <source>{count} open contract has no successor</source>
        <translation>{count} 份有效合同没有接任人</translation>
    </message>
    <message>
        <source>{count} open contracts have no successor</source>
        <translation>{count} 份有效合同没有接任人</translation>
    </message>
    <message>
        <source>required item &apos;{title}&apos; is open</source>
        <translation>必办事项“{title}”尚未完成</translation>
    </message>
    <message>
        <source>{count} customer&apos;s successor has not confirmed receipt</source>
        <translation>{count} 个客户的接任人尚未确认接收</translation>
    </message>
    <message>
        <source>{count} customers&apos; successors have not confirmed receipt</source>
        <translation>{count} 个客户的接任人尚未确认接收</translation>
    </message>
    <message>
        <source>{count} receivable, order or contract is not confirmed by its successor</source>
        <translation>{count} 项应收款、运单或合同尚未由接任人确认</translation>
    </message>
    <message>
        <source>{count} receivables, orders or contracts are not confirmed by their successors</source>
        <translation>{count} 项应收款、运单或合同尚未由接任人确认</translation>
    </message>
    <message>
        <source>{count} customer is not recorded as told of the handover: on the Customers tab select it and use Mark customer informed…, or Waive informing… with a reason (baton departure informed)</source>
        <translation>{count} 个客户未记录为已告知交接：请在“客户”标签页选中该客户，使用“标记客户已告知…”，或填写理由使用“免于告知…”（命令行：baton departure informed）</translation>
    </message>
    <message>
        <source>{count} customers are not recorded as told of the handover: on the Customers tab select them and use Mark customer informed…, or Waive informing… with a reason (baton departure informed)</source>
        <translation>{count} 个客户未记录为已告知交接：请在“客户”标签页选中这些客户，使用“标记客户已告知…”，或填写理由使用“免于告知…”（命令行：baton departure informed）</translation>
    </message>
    <message>
        <source>duty &apos;{duty}&apos; is not recorded as done</source>
        <translation>事项“{duty}”尚未登记办结</translation>
    </message>
    <message>
        <source>the case is {state}</source>
        <translation>离职单处于 {state} 状态</translation>
    </message>
    <message>
        <source>a comment is required</source>
        <translation>须填写意见</translation>
    </message>
    <message>
        <source>{value} is not a step of a departure case (use: {known}).</source>
        <translation>{value} 不是离职单的操作（可用：{known}）。</translation>
    </message>
    <message>
        <source>{value} is not a kind of departure (use: {known}).</source>
        <extracomment>Art. 40 dismissal only: a month&apos;s wage in lieu of the notice (代通知金). Every item of the case (progress = items not open ÷ this). Deadlines overdue on the day the list was read (filled by :func:`list_cases`).</extracomment>
        <translation>{value} 不是离职类型（可用：{known}）。</translation>
    </message>
    <message>
        <source>The last working day ({last}) cannot be before the notice date ({notice}).</source>
        <translation>最后工作日（{last}）不能早于通知日期（{notice}）。</translation>
    </message>
    <message>
        <source>{name} has an open departure case already ({case}).</source>
        <translation>{name} 已有一张未结的离职单（{case}）。</translation>
    </message>
    <message>
        <source>Pay in lieu of notice (代通知金) is for a dismissal under art. 40 only.</source>
        <translation>代通知金仅适用于依第四十条解除劳动合同的情形。</translation>
    </message>
    <message>
        <source>Departure case {case} is {state} and can no longer change.</source>
        <translation>离职单 {case} 处于 {state} 状态，不能再修改。</translation>
    </message>
    <message>
        <source>A case stays with its employee; cancel it and open another.</source>
        <translation>离职单不能更换员工；请取消后另建一张。</translation>
    </message>
    <message>
        <source>{value} is not a duty to record (use: {known}).</source>
        <extracomment>Case types with severance by default (art. 46): a dismissal under art. 40, a mutual agreement (when the firm proposed it), a fixed term that expires. Case types with a notice period: a resignation (art. 37) and an art. 40 dismissal unless a month&apos;s wage is paid in lieu. Art. 39 (misconduct) has neither notice nor severance.</extracomment>
        <translation>{value} 不是可登记的事项（可用：{known}）。</translation>
    </message>
    <message>
        <source>A non-compete lasts 0 to {max} months (not {value}).</source>
        <translation>竞业限制期限为 0 至 {max} 个月（而不是 {value}）。</translation>
    </message>
    <message>
        <source>{name} has no confidentiality duty: a non-compete cannot apply.</source>
        <translation>{name} 不负有保密义务：不能约定竞业限制。</translation>
    </message>
    <message>
        <source>Enter the local minimum wage (or set it in the business settings).</source>
        <translation>请输入当地最低工资标准（或在业务设置中设置）。</translation>
    </message>
    <message>
        <source>The monthly compensation {amount} is below {percent}% of the average wage ({floor}).</source>
        <translation>每月补偿 {amount} 低于平均工资的 {percent}%（{floor}）。</translation>
    </message>
    <message>
        <source>The monthly compensation {amount} is below the local minimum wage ({minimum}).</source>
        <translation>每月补偿 {amount} 低于当地最低工资标准（{minimum}）。</translation>
    </message>
    <message>
        <source>Month {value} is not within the non-compete period.</source>
        <translation>第 {value} 个月不在竞业限制期内。</translation>
    </message>
    <message>
        <source>Departure case {case} has no non-compete to release.</source>
        <translation>离职单 {case} 没有可解除的竞业限制。</translation>
    </message>
    <message>
        <source>Name the clause.</source>
        <translation>请填写条款名称。</translation>
    </message>
    <message>
        <source>Give the clause a title.</source>
        <translation>请填写条款标题。</translation>
    </message>
    <message>
        <source>Write the clause&apos;s text.</source>
        <translation>请填写条款内容。</translation>
    </message>
    <message>
        <source>A clause is written in zh or en (not {value}).</source>
        <translation>条款语言为 zh 或 en（而不是 {value}）。</translation>
    </message>
    <message>
        <source>Clause {id} is not one of this case&apos;s.</source>
        <translation>条款 {id} 不属于本离职单。</translation>
    </message>
    <message>
        <source>This export has {rows} rows, more than the {threshold} that may be exported without approval by two people. That approval is not available yet: ask an administrator to export it, or narrow the list with a search or a filter.</source>
        <translation>本次导出共 {rows} 行，超过无需两人审批即可导出的 {threshold} 行。两人审批功能尚未提供：请由管理员导出，或用搜索、筛选缩小列表范围。</translation>
    </message>
    <message>
        <source>This export has {rows} rows; with the {used} rows you exported in the last {days} days it passes the limit of {limit}. Ask for approval with a reason (a manager, then an administrator approves it), or narrow the list with a search or a filter.</source>
        <translation>本次导出共 {rows} 行；加上您最近 {days} 天已导出的 {used} 行，超过了 {limit} 行的上限。请填写原因申请审批（先由经理、再由管理员批准），或通过搜索或筛选缩小清单范围。</translation>
    </message>
    <message>
        <source>Export to a file ending in .xlsx or .csv (not {file}).</source>
        <translation>请导出为 .xlsx 或 .csv 文件（而不是 {file}）。</translation>
    </message>
    <message>
        <source>Unknown export kind {kind}: choose one of {kinds}.</source>
        <extracomment>The lists an export writes, by kind; the aging report is a report, not a list.</extracomment>
        <translation>未知的导出类型 {kind}：请从 {kinds} 中选择。</translation>
    </message>
    <message>
        <source>Cannot write {file}: the folder {folder} does not exist.</source>
        <translation>无法写入 {file}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Departure case {id} does not exist or is outside what you may see.</source>
        <extracomment>States in which the items can still change. States in which successors confirm receipt. Items generated from records, each needing a successor (receivables: a collector).</extracomment>
        <translation>离职单 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>Handover item {id} does not exist or is outside what you may see.</source>
        <translation>交接事项 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>Departure case {case} is {state}: its handover items can no longer change.</source>
        <translation>离职单 {case} 处于 {state} 状态：交接事项不能再修改。</translation>
    </message>
    <message>
        <source>{code} is not a customer of case {case}.</source>
        <extracomment>A case in these states means its employee is leaving (``departures.states``; that package imports this one).</extracomment>
        <translation>{code} 不是离职单 {case} 的客户。</translation>
    </message>
    <message>
        <source>{name} is the one leaving and cannot be the successor.</source>
        <translation>{name} 是离职人员，不能作为接任人。</translation>
    </message>
    <message>
        <source>{name} is not an active employee (status: {status}) and cannot take over a handover.</source>
        <translation>{name} 不是在职员工（状态：{status}），不能接手交接。</translation>
    </message>
    <message>
        <source>A transfer is planned for today or a later day (not {day}).</source>
        <translation>计划交接日期须为今天或以后（而不是 {day}）。</translation>
    </message>
    <message>
        <source>{customer} is not a customer of this handover.</source>
        <translation>{customer} 不是本次交接的客户。</translation>
    </message>
    <message>
        <source>The handover of {title} is {status} already; it cannot change.</source>
        <translation>{title} 的交接已是 {status} 状态，不能再修改。</translation>
    </message>
    <message>
        <source>{title} is not an open item that a successor takes over.</source>
        <translation>{title} 不是由接任人接手的未结事项。</translation>
    </message>
    <message>
        <source>{name} is leaving the firm too (departure case {case}) and cannot be a successor.</source>
        <translation>{name} 也即将离职（离职案件 {case}），不能作为接任人。</translation>
    </message>
    <message>
        <source>{name} is not in a sales position. Choose a salesperson, or give the reason for choosing {name} (it is recorded and shown on the handover form).</source>
        <translation>{name} 不在销售岗位。请选择销售人员，或填写选择 {name} 的原因（该原因将被记录并显示在交接单上）。</translation>
    </message>
    <message>
        <source>Everyone who could take this customer already has the firm&apos;s median book ({median}) plus {margin} or more; this is the lightest: {load} customers with this one.</source>
        <translation>所有可接手该客户的人员的客户数都已达到公司中位数（{median}）加 {margin} 或以上；此人负担最轻：加上该客户共 {load} 个客户。</translation>
    </message>
    <message>
        <source>Serves the same region ({region}: {region_count} customers) and industry ({industry}: {industry_count}); {load} customers with this one.</source>
        <translation>负责同一地区（{region}：{region_count} 个客户）和同一行业（{industry}：{industry_count} 个）；加上此客户共 {load} 个客户。</translation>
    </message>
    <message>
        <source>Serves the same region ({region}: {region_count} customers); {load} customers with this one.</source>
        <translation>负责同一地区（{region}：{region_count} 个客户）；加上此客户共 {load} 个客户。</translation>
    </message>
    <message>
        <source>Serves the same industry ({industry}: {industry_count} customers); {load} customers with this one.</source>
        <translation>负责同一行业（{industry}：{industry_count} 个客户）；加上此客户共 {load} 个客户。</translation>
    </message>
    <message>
        <source>Lightest workload: {load} customers with this one (no region or industry in common).</source>
        <translation>工作量最少：加上此客户共 {load} 个客户（地区和行业均不相同）。</translation>
    </message>
    <message>
        <source>{title} is handed over when its successor confirms receipt, not marked done.</source>
        <translation>{title} 在接任人确认接收时完成交接，不能直接标记完成。</translation>
    </message>
    <message>
        <source>{title} is {status} already.</source>
        <translation>{title} 已是 {status} 状态。</translation>
    </message>
    <message>
        <source>{title} needs its evidence attached first.</source>
        <translation>{title} 须先上传凭证。</translation>
    </message>
    <message>
        <source>Choose at least one handover item.</source>
        <extracomment>Why a successor outside the rules was chosen (shown on the form). Why the customer is not to be told (informing waived; shown on the form).</extracomment>
        <translation>请至少选择一项交接事项。</translation>
    </message>
    <message>
        <source>Give the reason the customer is not to be told.</source>
        <translation>请填写不告知该客户的理由。</translation>
    </message>
    <message>
        <source>{title}: only a customer&apos;s handover records whether the customer was told.</source>
        <translation>{title}：只有客户交接才记录是否已告知客户。</translation>
    </message>
    <message>
        <source>Give the reason for waiving the item.</source>
        <translation>请填写免除该事项的原因。</translation>
    </message>
    <message>
        <source>{title} is still owned by the leaver: name a successor (or release it to the pool) instead of waiving it.</source>
        <translation>{title} 仍归离职人员所有：请指定接任人（或放入公海），不能免除。</translation>
    </message>
    <message>
        <source>Nothing is waiting for your confirmation.</source>
        <translation>没有等待您确认的事项。</translation>
    </message>
    <message>
        <source>Departure case {case} is {state}: receipt is confirmed while the handover is in progress.</source>
        <translation>离职单 {case} 处于 {state} 状态：只能在交接进行中确认接收。</translation>
    </message>
    <message>
        <source>Nothing in case {case} is waiting for your confirmation.</source>
        <translation>离职单 {case} 中没有等待您确认的事项。</translation>
    </message>
    <message>
        <source>{title} has no successor to confirm it.</source>
        <translation>{title} 没有可确认的接任人。</translation>
    </message>
    <message>
        <source>You are not the successor of {title}; the successor or their manager confirms it.</source>
        <translation>您不是 {title} 的接任人；应由接任人或其经理确认。</translation>
    </message>
    <message>
        <source>{title} has meanwhile been given to someone else; waive its handover item instead.</source>
        <translation>{title} 已被转给他人；请改为免除该交接事项。</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: {reason}</source>
        <translation>无法读取文件 {file}：{reason}</translation>
    </message>
    <message>
        <source>Name the attached file.</source>
        <translation>请填写附件文件名。</translation>
    </message>
    <message>
        <source>The file {file} is empty.</source>
        <translation>文件 {file} 为空。</translation>
    </message>
    <message>
        <source>The file {file} is larger than {mb} MB.</source>
        <translation>文件 {file} 超过 {mb} MB。</translation>
    </message>
    <message>
        <source>Evidence for item {id} was given, but the item is not being done.</source>
        <translation>提供了事项 {id} 的凭证，但该事项不在本次完成之列。</translation>
    </message>
    <message>
        <source>Attachment {id} does not exist.</source>
        <translation>附件 {id} 不存在。</translation>
    </message>
    <message>
        <source>Name the checklist template.</source>
        <translation>请填写清单模板名称。</translation>
    </message>
    <message>
        <source>{value} is not a position category.</source>
        <translation>{value} 不是岗位类别。</translation>
    </message>
    <message>
        <source>Every checklist line needs a title.</source>
        <translation>每个清单事项都需要标题。</translation>
    </message>
    <message>
        <source>{value} is not a checklist category.</source>
        <translation>{value} 不是清单类别。</translation>
    </message>
    <message>
        <source>{value} cannot be responsible (use: {known}).</source>
        <translation>{value} 不能作为负责人（可用：{known}）。</translation>
    </message>
    <message>
        <source>A due offset is -365 to 365 days (not {value}).</source>
        <translation>到期偏移为 -365 至 365 天（而不是 {value}）。</translation>
    </message>
    <message>
        <source>Checklist template {id} does not exist.</source>
        <translation>清单模板 {id} 不存在。</translation>
    </message>
    <message>
        <source>Checklist line {id} is not one of this template&apos;s.</source>
        <translation>清单事项 {id} 不属于此模板。</translation>
    </message>
    <message>
        <source>Departure case {case} is {state}: the after-departure view needs a completed case.</source>
        <translation>离职单 {case} 处于 {state} 状态：离职后分析仅适用于已完成的离职单。</translation>
    </message>
    <message>
        <source>{employee} is leaving the firm (departure case {case}): from {day} on no new order can name them as its salesperson. Name the successor or another salesperson.</source>
        <extracomment>States in which an approved case locks its employee&apos;s orders. With the lock from the notice date, a submitted case locks too.</extracomment>
        <translation>{employee} 正在离职（离职单 {case}）：自 {day} 起不能再作为新运单的业务员。请填写接任人或其他业务员。</translation>
    </message>
    <message>
        <source>{employee} is leaving the firm (departure case {case}): since {day} no order naming them can be entered, whatever its date. A manager may enter a real past order with the reason it comes late.</source>
        <translation>{employee} 即将离职（离职案件 {case}）：自 {day} 起，无论订单日期为何，都不能再录入以其为业务员的订单。确属过去的订单，可由经理填写补录原因后录入。</translation>
    </message>
    <message>
        <source>{employee} is leaving the firm (departure case {case}): since {day} no order naming them can be imported, whatever its date</source>
        <translation>{employee} 即将离职（离职案件 {case}）：自 {day} 起，无论订单日期为何，都不能导入以其为业务员的订单</translation>
    </message>
    <message>
        <source>{employee} is leaving the firm (departure case {case}): orders dated {day} or later cannot name them as salesperson</source>
        <translation>{employee} 正在离职（离职单 {case}）：{day} 及以后的运单不能以其为业务员</translation>
    </message>
    <message>
        <source>{value} is not a month (write it as 2026-03).</source>
        <extracomment>The last month a period may be computed for: a fixed bound (a period is a selector, not a stored fact), far enough for any plan, near enough that 9999-12 has a month after it.</extracomment>
        <translation>{value} 不是月份（请写成 2026-03）。</translation>
    </message>
    <message>
        <source>The commission period {month} has not been computed yet.</source>
        <translation>提成期间 {month} 尚未计算。</translation>
    </message>
    <message>
        <source>Commission line {id} does not exist or is outside what you may see.</source>
        <translation>提成明细 {id} 不存在，或不在你可查看的范围内。</translation>
    </message>
    <message>
        <source>The commission period {month} is {state} and cannot be computed again. A locked period never changes: late payments and corrections go to the next open period. An approved period must be reopened first.</source>
        <extracomment>Salespeople no plan covers in the month (&quot;name (employee no)&quot;): they earn nothing, and a month of 0 lines says why. The line table as plain columns: money as integer fen and rates as integer millionths go in and come out as they are (no Decimal per value for tens of thousands of rows). One encoder for every line&apos;s explanation (``json.dumps`` with options builds a new encoder per call: a fifth of a month&apos;s computation on the large firm); same text as before.</extracomment>
        <translation>提成期间 {month} 的状态为 {state}，不能重新计算。已锁定的期间永不更改：迟到的回款和更正计入下一个未锁定的期间。已审批的期间须先撤回审批。</translation>
    </message>
    <message>
        <source>The month {value} is not plausible: months from {earliest} to {latest}.</source>
        <translation>月份 {value} 不合理：只接受 {earliest} 至 {latest} 之间的月份。</translation>
    </message>
    <message>
        <source>The commission period {month} is {state}; this step needs it to be {wanted}.</source>
        <translation>提成期间 {month} 的状态为 {state}；此操作要求状态为 {wanted}。</translation>
    </message>
    <message>
        <source>You earn commission in {month} (commission lines: {lines}): a manager who earns nothing in it must approve it (separation of duties).</source>
        <translation>您在 {month} 有提成（提成明细 {lines} 条）：须由在该月没有提成的经理审批（职责分离）。</translation>
    </message>
    <message>
        <source>A commission plan changed after {month} was computed: compute it again before approving.</source>
        <translation>{month} 计算后提成方案有变动：请先重新计算再审批。</translation>
    </message>
    <message>
        <source>Lock the earlier commission periods first: {months}.</source>
        <translation>请先锁定之前的提成期间：{months}。</translation>
    </message>
    <message>
        <source>There is no commission statement {number}.</source>
        <translation>没有编号为 {number} 的提成单。</translation>
    </message>
    <message>
        <source>There is no employee number {value}.</source>
        <extracomment>&quot;Leave as it is&quot; for :func:`set_employment_terms` (None means: clear it).</extracomment>
        <translation>没有工号 {value}。</translation>
    </message>
    <message>
        <source>The contract cannot end ({end}) before it starts ({start}).</source>
        <translation>劳动合同的终止日期（{end}）不能早于开始日期（{start}）。</translation>
    </message>
    <message>
        <source>Set the contract&apos;s start date with its end date.</source>
        <translation>登记劳动合同终止日期时，请同时登记开始日期。</translation>
    </message>
    <message>
        <source>Document {id} does not exist or is outside what you may see.</source>
        <extracomment>The permissions each kind of document needs (all of them). Case states in which a handover form can be signed or a signed scan attached. Scanned copies Baton accepts, by their first bytes.</extracomment>
        <translation>文档 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>Departure case {case} is {state}: its handover form cannot be signed now.</source>
        <translation>离职案件 {case} 当前为 {state}：现在不能签署其交接单。</translation>
    </message>
    <message>
        <source>The signature is nearly empty. Sign with your full name and try again.</source>
        <translation>签名几乎是空白的。请签写全名后重试。</translation>
    </message>
    <message>
        <source>Unknown kind of document: {kind}.</source>
        <translation>未知的文档类型：{kind}。</translation>
    </message>
    <message>
        <source>Documents are printed in zh or en (not {value}).</source>
        <translation>文档只能以 zh 或 en 语言打印（不能是 {value}）。</translation>
    </message>
    <message>
        <source>The handover form of case {case} can be issued once the case is approved: approval generates the handover list, and the form ({state} now) would list nothing.</source>
        <translation>案件 {case} 的离职交接单须在案件批准后出具：批准时生成交接清单，目前（{state}）交接单上将没有任何内容。</translation>
    </message>
    <message>
        <source>Document number {number} is taken; generate again.</source>
        <translation>文档编号 {number} 已被占用，请重新生成。</translation>
    </message>
    <message>
        <source>The stored file of document {number} does not match its hash.</source>
        <translation>文档 {number} 的存储文件与其哈希值不符。</translation>
    </message>
    <message>
        <source>Document {id} is not a handover form of case {case}.</source>
        <translation>文档 {id} 不是案件 {case} 的交接单。</translation>
    </message>
    <message>
        <source>A signature must be a PNG image of at most 2 MB.</source>
        <translation>签名必须是不超过 2 MB 的 PNG 图像。</translation>
    </message>
    <message>
        <source>The signature image cannot be read.</source>
        <translation>无法读取签名图像。</translation>
    </message>
    <message>
        <source>The signature image has an unusual size.</source>
        <translation>签名图像尺寸异常。</translation>
    </message>
    <message>
        <source>The handover form has no signature block {block}.</source>
        <translation>交接单上没有签字栏 {block}。</translation>
    </message>
    <message>
        <source>Name who signs.</source>
        <translation>请填写签字人。</translation>
    </message>
    <message>
        <source>Block {block} is signed already (by {name}); void that signature first.</source>
        <translation>签字栏 {block} 已由 {name} 签字；请先作废该签字。</translation>
    </message>
    <message>
        <source>Say why.</source>
        <translation>请说明原因。</translation>
    </message>
    <message>
        <source>Signature {id} does not exist or is void already.</source>
        <translation>签字 {id} 不存在或已作废。</translation>
    </message>
    <message>
        <source>Name the file.</source>
        <translation>请填写文件名。</translation>
    </message>
    <message>
        <source>Say where the signed paper original is kept (a scan is only a copy).</source>
        <translation>请注明签字纸质原件的存放位置（扫描件只是复印件）。</translation>
    </message>
    <message>
        <source>A signed copy must be a PDF or an image (PNG, JPEG, TIFF).</source>
        <translation>签字件必须是 PDF 或图像文件（PNG、JPEG、TIFF）。</translation>
    </message>
    <message>
        <source>The file is larger than {mb} MB.</source>
        <translation>文件超过 {mb} MB。</translation>
    </message>
    <message>
        <source>Scan {id} does not exist or is outside what you may see.</source>
        <translation>扫描件 {id} 不存在或不在您的查看范围内。</translation>
    </message>
    <message>
        <source>The stored scan {name} does not match its hash.</source>
        <translation>存储的扫描件 {name} 与其哈希值不符。</translation>
    </message>
    <message>
        <source>{record} was changed by {user} at {time}; reload it and try again.</source>
        <translation>{record} 已被 {user} 于 {time} 修改；请重新加载后再试。</translation>
    </message>
    <message>
        <source>Someone else saved the same records at the same moment; nothing was saved. Try again.</source>
        <translation>有人在同一时刻保存了相同的记录；本次未保存任何内容。请重试。</translation>
    </message>
    <message>
        <source>The server database {database} is not empty: migrate-to-server copies only into an empty database (create a new one with createdb), so nothing there is overwritten.</source>
        <translation>服务器数据库 {database} 不是空的：migrate-to-server 只复制到空数据库（请用 createdb 新建一个），因此不会覆盖其中的任何内容。</translation>
    </message>
    <message>
        <source>This vault holds tables this version of Baton does not know: {tables}.</source>
        <translation>此加密数据库包含本版本 Baton 不认识的表：{tables}。</translation>
    </message>
    <message>
        <source>The vault&apos;s schema {revision} is not this version&apos;s; open it once, then migrate.</source>
        <translation>加密数据库的数据结构 {revision} 与本版本不符；请先打开一次，再迁移。</translation>
    </message>
    <message>
        <source>The database address {url} is not a PostgreSQL address; use postgresql+psycopg://user@host/database.</source>
        <translation>数据库地址 {url} 不是 PostgreSQL 地址；请使用 postgresql+psycopg://用户@主机/数据库。</translation>
    </message>
    <message>
        <source>The database server {server} refused an encrypted (TLS) connection. Turn on ssl in its postgresql.conf (see installer/README.md); Baton does not send data unencrypted.</source>
        <translation>数据库服务器 {server} 拒绝了加密（TLS）连接。请在其 postgresql.conf 中启用 ssl（见 installer/README.md）；Baton 不会以未加密方式传输数据。</translation>
    </message>
    <message>
        <source>The database server {server} accepts only encrypted (TLS) connections, but the address says sslmode=disable: remove sslmode=disable from the address (Baton then requires TLS).</source>
        <translation>数据库服务器 {server} 只接受加密（TLS）连接，但地址中写了 sslmode=disable：请从地址中删除 sslmode=disable（Baton 随后会要求 TLS）。</translation>
    </message>
    <message>
        <source>The database server {server} refused the database user {user}: check the user name and password (PGPASSWORD or ~/.pgpass) and the server&apos;s pg_hba.conf.</source>
        <translation>数据库服务器 {server} 拒绝了数据库用户 {user}：请检查用户名和密码（PGPASSWORD 或 ~/.pgpass）以及服务器的 pg_hba.conf。</translation>
    </message>
    <message>
        <source>The database server {server} has no database named {database}.</source>
        <translation>数据库服务器 {server} 上没有名为 {database} 的数据库。</translation>
    </message>
    <message>
        <source>Cannot reach the database server {server}: {reason}</source>
        <translation>无法连接数据库服务器 {server}：{reason}</translation>
    </message>
    <message>
        <source>The database server {server} runs PostgreSQL {version}; Baton needs 15 or newer.</source>
        <translation>数据库服务器 {server} 运行的是 PostgreSQL {version}；Baton 需要 15 或更高版本。</translation>
    </message>
    <message>
        <source>This works only on the local encrypted vault (key slots, recovery key, Baton backups); on the PostgreSQL server use the server&apos;s own backups and disk encryption (installer/README.md).</source>
        <translation>此功能仅适用于本地加密加密数据库（密钥槽、恢复密钥、Baton 备份）；在 PostgreSQL 服务器上请使用服务器自身的备份和磁盘加密（见 installer/README.md）。</translation>
    </message>
    <message>
        <source>Your role ({role}) may not import {kind}: entering them needs the right {action}. Nothing was imported.</source>
        <extracomment>What typing the same records needs, per kind: importing is typing many rows at once, so it needs these actions (from the one permission table) on top of :attr:`Action.IMPORT`.</extracomment>
        <translation>您的角色（{role}）不能导入 {kind}：录入这类记录需要权限 {action}。未导入任何数据。</translation>
    </message>
    <message>
        <source>there is no branch {value}; only an administrator may add branches</source>
        <translation>没有名为 {value} 的分公司；只有管理员可以新增分公司</translation>
    </message>
    <message>
        <source>{value} is outside your branch {mine}</source>
        <translation>{value} 不在您所在的分公司 {mine} 范围内</translation>
    </message>
    <message>
        <source>{value} works at {branch}, outside your branch {mine}</source>
        <translation>{value} 属于 {branch}，不在您所在的分公司 {mine} 范围内</translation>
    </message>
    <message>
        <source>customer {value} is not owned by your branch {mine}</source>
        <translation>客户 {value} 不归属于您所在的分公司 {mine}</translation>
    </message>
    <message>
        <source>{value} is not you: you may import only your own records</source>
        <translation>{value} 不是您本人：您只能导入自己的记录</translation>
    </message>
    <message>
        <source>customer {value} is not one of yours</source>
        <translation>客户 {value} 不是您的客户</translation>
    </message>
    <message>
        <source>{value} belongs to no branch, outside your branch {mine}</source>
        <translation>{value} 不属于任何分公司，不在您所在的分公司 {mine} 范围内</translation>
    </message>
    <message>
        <source>Row {row}: {reason}. Nothing was imported.</source>
        <translation>第 {row} 行：{reason}。未导入任何数据。</translation>
    </message>
    <message>
        <source>Row {row}: {reason}; {more} more row(s) are outside what you may change. Nothing was imported.</source>
        <translation>第 {row} 行：{reason}；另有 {more} 行超出您可修改的范围。未导入任何数据。</translation>
    </message>
    <message>
        <source>{file} is one of the vault&apos;s own files (database, key file, lock or log); writing there would destroy it. Choose another file.</source>
        <translation>{file} 是加密数据库自身的文件（数据库、密钥文件、锁文件或日志）；写到这里会毁掉它。请选择其他文件。</translation>
    </message>
    <message>
        <source>The server&apos;s schema must be upgraded by the administrator with the owner account (baton server-roles OWNER_ADDRESS --seat-role ROLE --apply); the database user {user} of this seat may not change the schema (it is at {current}, this version needs {head}).</source>
        <extracomment>What a seat may do to each kind of table; anything else is refused by PostgreSQL. The privileges checked when reporting a seat&apos;s rights (TRIGGER allows CREATE TRIGGER).</extracomment>
        <translation>服务器的数据库结构必须由管理员使用所有者账户升级（baton server-roles OWNER_ADDRESS --seat-role ROLE --apply）；本工位的数据库用户 {user} 不能修改数据库结构（当前为 {current}，本版本需要 {head}）。</translation>
    </message>
    <message>
        <source>The database user {user} does not own Baton&apos;s tables on this server, so it cannot upgrade the schema or grant rights: use the owner account (the one that ran migrate-to-server or init).</source>
        <translation>数据库用户 {user} 不是本服务器上 Baton 数据表的所有者，因此不能升级数据库结构或授予权限：请使用所有者账户（即运行 migrate-to-server 或 init 的那个账户）。</translation>
    </message>
    <message>
        <source>The server database {database} holds no Baton schema yet: create it first with the owner account (baton migrate-to-server, or init with --database).</source>
        <translation>服务器数据库 {database} 中还没有 Baton 的数据库结构：请先用所有者账户创建（baton migrate-to-server，或带 --database 的 init）。</translation>
    </message>
    <message>
        <source>{role} is not a usable role name: use lower-case letters, digits and _ (for example baton_seat).</source>
        <translation>{role} 不是可用的角色名：请只用小写字母、数字和 _（例如 baton_seat）。</translation>
    </message>
    <message>
        <source>The database role {role} does not exist. The server&apos;s superuser creates it first: CREATE ROLE {role} LOGIN PASSWORD &apos;…&apos;;</source>
        <translation>数据库角色 {role} 不存在。请由服务器的超级用户先创建：CREATE ROLE {role} LOGIN PASSWORD &apos;…&apos;;</translation>
    </message>
    <message>
        <source>The seat role {role} is the owner of Baton&apos;s tables; give the seats a separate role, the owner account is for upgrades only.</source>
        <translation>工位角色 {role} 是 Baton 数据表的所有者；请为各工位另设一个角色，所有者账户只用于升级。</translation>
    </message>
    <message>
        <source>The seat role {role} has the attribute {attribute}; a seat role must be a plain login role (the superuser runs: ALTER ROLE {role} NO{attribute};).</source>
        <translation>工位角色 {role} 具有 {attribute} 属性；工位角色必须是普通的登录角色（由超级用户执行：ALTER ROLE {role} NO{attribute};）。</translation>
    </message>
    <message>
        <source>The seat role {role} is a member of the owner role {owner} and so has all its rights (the superuser runs: REVOKE {owner} FROM {role};).</source>
        <translation>工位角色 {role} 是所有者角色 {owner} 的成员，因而拥有其全部权限（由超级用户执行：REVOKE {owner} FROM {role};）。</translation>
    </message>
    <message>
        <source>The seat role {role} owns {what} on this server; the owner account must own it (ALTER … OWNER TO the owner), or the seat could change its structure.</source>
        <translation>工位角色 {role} 在本服务器上拥有 {what}；它应归所有者账户所有（ALTER … OWNER TO 所有者），否则工位可以修改其结构。</translation>
    </message>
    <message>
        <source>Name either a departure case or --employee, not both.</source>
        <translation>请指定一个离职案件或 --employee，二者只能选其一。</translation>
    </message>
    <message>
        <source>The settlement of case {case} is not final: {months} not computed yet. Compute the month(s) first, or issue it as a draft.</source>
        <translation>案件 {case} 的离职提成结算尚非最终结果：{months} 尚未计算。请先计算该月份，或以草稿形式出具。</translation>
    </message>
    <message>
        <source>Rule {rule}: {threshold} must be a number from {low} to {high} (not {value}).</source>
        <translation>规则 {rule}：{threshold} 必须是 {low} 到 {high} 之间的数值（而不是 {value}）。</translation>
    </message>
    <message>
        <source>Rule {rule}: the window must be from {low} to {high} days (not {value}).</source>
        <translation>规则 {rule}：时间窗口必须在 {low} 到 {high} 天之间（而不是 {value}）。</translation>
    </message>
    <message>
        <source>Rule {rule}: give from 1 to {high} keywords of at most {length} characters each.</source>
        <translation>规则 {rule}：请填写 1 到 {high} 个关键词，每个不超过 {length} 个字符。</translation>
    </message>
    <message>
        <source>There is no alert rule {rule}.</source>
        <translation>不存在预警规则 {rule}。</translation>
    </message>
    <message>
        <source>Rule {rule} has no threshold {threshold}.</source>
        <translation>规则 {rule} 没有阈值 {threshold}。</translation>
    </message>
    <message>
        <source>Severity must be low, medium or high (not {value}).</source>
        <translation>严重程度必须是低、中或高（而不是 {value}）。</translation>
    </message>
    <message>
        <source>Give a reason (at least {min} characters) to resolve or dismiss an alert.</source>
        <translation>处理或驳回预警时请填写原因（至少 {min} 个字符）。</translation>
    </message>
    <message>
        <source>There is no alert {id}.</source>
        <translation>不存在预警 {id}。</translation>
    </message>
    <message>
        <source>Alert {id} is {status} already; only an open or acknowledged alert can change.</source>
        <translation>预警 {id} 已是“{status}”状态；只有未处理或已确认的预警可以更改。</translation>
    </message>
    <message>
        <source>There is no active user {user} to assign the alert to.</source>
        <translation>没有可指派该预警的有效用户 {user}。</translation>
    </message>
    <message>
        <source>{value} is not a kind of severance (use: {known}).</source>
        <translation>{value} 不是经济补偿的计算方式（可用：{known}）。</translation>
    </message>
    <message>
        <source>The last day {end} is before the hire date {start}.</source>
        <translation>最后工作日 {end} 早于入职日期 {start}。</translation>
    </message>
    <message>
        <source>Case {case} ({type}) carries no severance: {why}</source>
        <translation>案件 {case}（{type}）不涉及经济补偿：{why}</translation>
    </message>
    <message>
        <source>No monthly wage is known for {employee}: give the average wage of the last 12 months, or record the wage on the employee.</source>
        <translation>没有 {employee} 的月工资数据：请提供前 12 个月的平均工资，或在员工档案中登记工资。</translation>
    </message>
    <message>
        <source>The hire date of {employee} is not recorded.</source>
        <translation>{employee} 的入职日期未登记。</translation>
    </message>
    <message>
        <source>The termination certificate of case {case} can be issued from its termination date, {date}.</source>
        <translation>案件 {case} 的离职证明自解除或终止劳动合同之日（{date}）起可以开具。</translation>
    </message>
    <message>
        <source>Departure case {case} is {state}: there is no termination to certify.</source>
        <translation>离职案件 {case} 的状态为 {state}：没有可证明的劳动合同解除或终止。</translation>
    </message>
    <message>
        <source>The certificate needs the hire date of {employee}: record it first.</source>
        <translation>开具离职证明需要 {employee} 的入职日期：请先登记。</translation>
    </message>
    <message>
        <source>The certificate needs the contract term of {employee}: record it first (baton person terms {employee_no} --contract-start …).</source>
        <translation>开具离职证明需要 {employee} 的劳动合同期限：请先登记（baton person terms {employee_no} --contract-start …）。</translation>
    </message>
    <message>
        <source>The certificate needs the position of {employee}: record it first.</source>
        <translation>开具离职证明需要 {employee} 的工作岗位：请先登记。</translation>
    </message>
    <message>
        <source>{employee} leaves no open receivables: there is no balance to confirm.</source>
        <translation>{employee} 名下没有未结清的应收账款：无需对账。</translation>
    </message>
    <message>
        <source>Confirmation letter {id} does not exist or is outside what you may see.</source>
        <translation>对账函 {id} 不存在，或不在您可查看的范围内。</translation>
    </message>
    <message>
        <source>Departure case {case} is {state}: no letters are sent for it.</source>
        <translation>离职案件 {case} 的状态为 {state}：不为其发送对账函。</translation>
    </message>
    <message>
        <source>A letter as of {as_of} cannot have been sent on {day}.</source>
        <translation>截至 {as_of} 的对账函不可能在 {day} 发出。</translation>
    </message>
    <message>
        <source>Record when letter {id} was sent before its reply (the reply cannot come first).</source>
        <translation>请先登记对账函 {id} 的发出日期，再登记回函（回函不能早于发函）。</translation>
    </message>
    <message>
        <source>Filter {name} takes a record number, not {value}.</source>
        <extracomment>Rows of a two-step list (:attr:`ListingSpec.rows_by_key`) are built this many keys at a time while exporting. An index that answers exactly what the columns&apos; conditions answer, faster (the customers&apos; search text, services/search_index.py), or None when it cannot serve this text (or this database): the conditions on the columns are used then. For a page of rows: the same answer tested row by row while walking the sort order&apos;s index, or None. Used when the text is short or common (the first page is then found after a few rows), where collecting every match first and sorting them costs more.</extracomment>
        <translation>筛选条件 {name} 应为记录编号，而不是 {value}。</translation>
    </message>
    <message>
        <source>Filter {name} takes yes or no, not {value}.</source>
        <translation>筛选条件 {name} 应为“是”或“否”，而不是 {value}。</translation>
    </message>
    <message>
        <source>Filter {name} takes a date (YYYY-MM-DD), not {value}.</source>
        <translation>筛选条件 {name} 应为日期（YYYY-MM-DD），而不是 {value}。</translation>
    </message>
    <message>
        <source>Filter {name} takes a text, not {value}.</source>
        <translation>筛选条件 {name} 应为文字，而不是 {value}。</translation>
    </message>
    <message>
        <source>Filter {name} cannot be {value}; possible: {known}.</source>
        <translation>筛选条件 {name} 不能为 {value}；可选值：{known}。</translation>
    </message>
    <message>
        <source>{value} is not a kind of publication (use: {known}).</source>
        <extracomment>What Baton watches about a salesperson (the departure risk and the alerts), named in the notice so the monitoring is known before it happens.</extracomment>
        <translation>{value} 不是可公示的类型（可用：{known}）。</translation>
    </message>
    <message>
        <source>A publication needs its title.</source>
        <translation>公示需要标题。</translation>
    </message>
    <message>
        <source>A publication needs its text.</source>
        <translation>公示需要正文。</translation>
    </message>
    <message>
        <source>There is no publication {id}.</source>
        <translation>没有编号为 {id} 的公示。</translation>
    </message>
    <message>
        <source>An acknowledgement cannot come before its publication ({date}).</source>
        <translation>确认日期不能早于公示日期（{date}）。</translation>
    </message>
    <message>
        <source>This employee acknowledged publication {id} already.</source>
        <translation>该员工已确认过公示 {id}。</translation>
    </message>
    <message>
        <source>The day ownership starts must be a date no later than today.</source>
        <extracomment>Planners that take the import&apos;s options (a branch for departments, receivables to raise).</extracomment>
        <translation>归属开始日期必须是不晚于今天的日期。</translation>
    </message>
    <message>
        <source>The change for {customer} cannot take effect on {day}: order {number} of {last} names {owner} as its salesperson. Choose {last} or later.</source>
        <translation>{customer} 的变更不能在 {day} 生效：{last} 的订单 {number} 的业务员是 {owner}。请选择 {last} 或之后的日期。</translation>
    </message>
    <message>
        <source>{customer} is part of departure case {case}: release or reassign it through that case&apos;s handover.</source>
        <translation>{customer} 属于离职案件 {case}：请通过该案件的交接来放入公海或转移。</translation>
    </message>
    <message>
        <source>Export request {id} does not exist.</source>
        <extracomment>How long an approved request may be used.</extracomment>
        <translation>导出申请 {id} 不存在。</translation>
    </message>
    <message>
        <source>You asked for export request {id}: two other people must approve or reject it (separation of duties).</source>
        <translation>导出申请 {id} 是您提出的：必须由另外两人批准或驳回（职责分离）。</translation>
    </message>
    <message>
        <source>You gave the first approval of export request {id}: the second must come from someone else (separation of duties).</source>
        <translation>您已对导出申请 {id} 作出第一次批准：第二次批准必须由其他人作出（职责分离）。</translation>
    </message>
    <message>
        <source>Export request {id} is {status} already.</source>
        <translation>导出申请 {id} 已是 {status} 状态。</translation>
    </message>
    <message>
        <source>Export request {id} cannot be used: it is {status}, not approved.</source>
        <translation>导出申请 {id} 无法使用：其状态为 {status}，未获批准。</translation>
    </message>
    <message>
        <source>Export request {id} was approved for the {kind} list of {user}, not for this export.</source>
        <translation>导出申请 {id} 批准的是 {user} 的 {kind} 清单，而不是本次导出。</translation>
    </message>
    <message>
        <source>Give the reason for the export request.</source>
        <translation>请填写导出申请的原因。</translation>
    </message>
    <message>
        <source>Give the reason for rejecting the request.</source>
        <translation>请填写驳回申请的原因。</translation>
    </message>
    <message>
        <source>Only a customer can be released to the pool.</source>
        <translation>只有客户可以放入公海。</translation>
    </message>
    <message>
        <source>export or print customer lists</source>
        <extracomment>Submitted or further, not yet over (``departures.states``; that package imports services that import this module).</extracomment>
        <translation>导出或打印客户清单</translation>
    </message>
    <message>
        <source>claim customers from the public pool</source>
        <translation>从公海认领客户</translation>
    </message>
    <message>
        <source>release customers to the public pool</source>
        <translation>将客户放入公海</translation>
    </message>
    <message>
        <source>change who owns a customer</source>
        <translation>变更客户归属</translation>
    </message>
    <message>
        <source>You are leaving the firm (departure case {case}): from your notice date {day} your account may not {what}.</source>
        <translation>您即将离职（离职案件 {case}）：自通知日期 {day} 起，您的账户不能{what}。</translation>
    </message>
    <message>
        <source>Your departure case {case} is under way. Since your notice date {day} your account can no longer export or print customer lists, claim pool customers, release customers or change who owns them, and every customer you open is recorded. Your customers are being handed over to your successors.</source>
        <translation>您的离职案件 {case} 正在办理中。自通知日期 {day} 起，您的账户不能再导出或打印客户清单、认领公海客户、放出客户或变更客户归属，您打开的每个客户都会被记录。您的客户正在移交给接任人。</translation>
    </message>
    <message>
        <source>There is no follow-up {id}.</source>
        <translation>没有编号为 {id} 的跟进记录。</translation>
    </message>
</context>
<context>
    <name>ExportRequestDialog</name>
    <message>
        <source>Ask for approval to export</source>
        <translation>申请导出审批</translation>
    </message>
    <message>
        <source>Send a request: a manager and then an administrator approve it, and you can export this list once within 24 hours of the second approval.</source>
        <translation>提交申请：先由经理、再由管理员审批；第二次审批后 24 小时内，您可以导出此列表一次。</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>理由（必填）</translation>
    </message>
    <message>
        <source>Send the request</source>
        <translation>提交申请</translation>
    </message>
</context>
<context>
    <name>ExportRequestsPanel</name>
    <message>
        <source>Request</source>
        <extracomment>Emitted with the Changes of an approval or a rejection.</extracomment>
        <translation>申请</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>发布人</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Reason (required to reject)</source>
        <translation>理由（驳回时必填）</translation>
    </message>
    <message>
        <source>Approve the export</source>
        <translation>批准导出</translation>
    </message>
    <message>
        <source>Reject the export</source>
        <translation>驳回导出</translation>
    </message>
    <message>
        <source>&lt;b&gt;Export requests&lt;/b&gt; — %1 waiting for an approval</source>
        <translation>&lt;b&gt;导出申请&lt;/b&gt; — %1 个等待审批</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>CSV (UTF-8 or GBK, as Excel saves it) or an Excel workbook (.xlsx, or the older .xls). Title rows above the headers, a 序号 column and total rows are recognised; Chinese and English headers are matched.</source>
        <translation>CSV 文件（UTF-8 或 GBK，即 Excel 保存的格式）或 Excel 工作簿（.xlsx，或旧版 .xls）。表头上方的标题行、序号列和合计行都能识别；中英文表头均可匹配。</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Sheet</source>
        <extracomment>A workbook&apos;s sheets, offered once the file has been read (the first by default).</extracomment>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Raise a receivable for each waybill (due by the customer&apos;s payment terms)</source>
        <extracomment>Waybills: raise one receivable per waybill.</extracomment>
        <translation>为每张运单生成一笔应收款（到期日按客户账期计算）</translation>
    </message>
    <message>
        <source>Ownership starts on (rows without 分配日期)</source>
        <extracomment>Customers: the day ownership starts for rows without their own 分配日期.</extracomment>
        <translation>归属开始日期（用于没有分配日期的行）</translation>
    </message>
    <message>
        <source>Save an empty template…</source>
        <translation>保存空白模板…</translation>
    </message>
    <message>
        <source>What the file holds</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <extracomment>The file whose headers were read (path, mtime and size), and whether a read runs.</extracomment>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
        <translation>表格文件 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
        <source>Save an empty template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>模板已保存：%1</translation>
    </message>
    <message>
        <source>The headers are on row %1; the rows above are titles.</source>
        <translation>表头在第 %1 行；其上方的行是标题。</translation>
    </message>
    <message>
        <source>Total rows skipped (合计/小计/总计): %1.</source>
        <translation>已跳过合计行（合计/小计/总计）：%1。</translation>
    </message>
    <message>
        <source>There is no file at this path.</source>
        <translation>此路径下没有文件。</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Add follow-up</source>
        <translation>添加跟进记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>What was discussed</source>
        <translation>沟通内容</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>FollowUpFields</name>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>followed on</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>employee</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>next step</source>
        <translation>下一步</translation>
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <source>row</source>
        <extracomment>The report&apos;s column headers (translated with the reasons when a translator is given).</extracomment>
        <translation>行号</translation>
    </message>
    <message>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ImportTerms</name>
    <message>
        <source>employees</source>
        <extracomment>What an import wrote or will create, by the key of its counts.</extracomment>
        <translation>员工</translation>
    </message>
    <message>
        <source>positions</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>branches</source>
        <translation>分公司</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>ownership periods</source>
        <translation>归属记录</translation>
    </message>
    <message>
        <source>follow-ups</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>waybills</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>receivables</source>
        <translation>应收款</translation>
    </message>
    <message>
        <source>payments</source>
        <translation>回款</translation>
    </message>
    <message>
        <source>payment allocations</source>
        <translation>回款核销</translation>
    </message>
    <message>
        <source>waybills linked</source>
        <translation>关联运单</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>new branch</source>
        <translation>新分公司</translation>
    </message>
    <message>
        <source>new position</source>
        <translation>新岗位</translation>
    </message>
    <message>
        <source>new department</source>
        <translation>新部门</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>The separator of a list of counts (&quot;员工 12，岗位 2&quot;).</extracomment>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Staff</source>
        <extracomment>The updating rows the preview names one by one.</extracomment>
        <translation>员工</translation>
    </message>
    <message>
        <source>Customers (with owner)</source>
        <translation>客户（含归属业务员）</translation>
    </message>
    <message>
        <source>Ownership history</source>
        <translation>归属历史</translation>
    </message>
    <message>
        <source>Waybills</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>回款</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>跟进记录</translation>
    </message>
    <message>
        <source>Import</source>
        <extracomment>The mapping last confirmed for the file&apos;s headers, and what reading it found.</extracomment>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel the import? Nothing will be written.</source>
        <translation>取消导入吗？不会写入任何数据。</translation>
    </message>
</context>
<context>
    <name>InformedDialog</name>
    <message>
        <source>Customers told</source>
        <translation>已告知客户</translation>
    </message>
    <message>
        <source>Record for the %1 selected customers whether they were told.</source>
        <translation>为所选的 %1 家客户记录是否已告知。</translation>
    </message>
    <message>
        <source>The customer was told of the handover</source>
        <translation>已将交接情况告知客户</translation>
    </message>
    <message>
        <source>Told on</source>
        <translation>告知日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>告知方式</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>InvoiceFields</name>
    <message>
        <source>number</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>issued on</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>due on</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>运单号</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>initial</source>
        <translation>初始分配</translation>
    </message>
    <message>
        <source>rebalance</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>离职交接</translation>
    </message>
    <message>
        <source>pool claim</source>
        <translation>公海认领</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>notice period</source>
        <translation>离职通知期</translation>
    </message>
    <message>
        <source>in handover</source>
        <translation>交接中</translation>
    </message>
    <message>
        <source>departed</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>FTL</source>
        <translation>整车</translation>
    </message>
    <message>
        <source>LTL</source>
        <translation>零担</translation>
    </message>
    <message>
        <source>express</source>
        <translation>快递</translation>
    </message>
    <message>
        <source>warehousing</source>
        <translation>仓储</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>invoiced</source>
        <translation>已开票</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>LettersPanel</name>
    <message>
        <source>Letter</source>
        <translation>函件</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>发票数</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Record sending…</source>
        <translation>登记寄出…</translation>
    </message>
    <message>
        <source>Record reply…</source>
        <translation>登记回函…</translation>
    </message>
    <message>
        <source>Confirmation letters (对账函)</source>
        <translation>对账函</translation>
    </message>
    <message>
        <source>Replied on %1: balance confirmed</source>
        <translation>%1 回函：余额相符</translation>
    </message>
    <message>
        <source>Replied on %1: differs by %2 (customer states %3; follow-up opened)</source>
        <translation>%1 回函：差额 %2（客户确认 %3；已建跟进）</translation>
    </message>
    <message>
        <source>Sent on %1 by %2, no reply yet</source>
        <translation>%1 以 %2 寄出，尚未回函</translation>
    </message>
    <message>
        <source>Issued, not sent yet</source>
        <translation>已出具，尚未寄出</translation>
    </message>
    <message>
        <source>%1 letter(s), %2 sent, %3 replied, %4 differing</source>
        <translation>共 %1 封，已寄 %2 封，已回 %3 封，不符 %4 封</translation>
    </message>
    <message>
        <source>No letter issued yet: Confirmation letters… issues them.</source>
        <translation>尚未出具对账函：点击“对账函…”出具。</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Import…</source>
        <extracomment>The kind name used by imports and exports (None: no such buttons). The column that takes the spare width (usually the name).</extracomment>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Only record %1 from an alert: show all</source>
        <extracomment>The list&apos;s filter that names one record by id (None: the list cannot show one alone).</extracomment>
        <translation>仅显示预警中的记录 %1：显示全部</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>搜索…</translation>
    </message>
    <message>
        <source>Totals: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1</source>
        <translation>
            <numerusform>已导出 %n 行到 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListPanel</name>
    <message>
        <source>Loading…</source>
        <extracomment>The totals of the whole filtered list (money lists): read on the worker after the count; ``totals_text`` turns them into the line shown.</extracomment>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message numerus="yes">
        <source>%1 row(s)</source>
        <translation>
            <numerusform>%1 行</numerusform>
        </translation>
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
        <source>Database server: %1</source>
        <translation>数据库服务器：%1</translation>
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
        <source>The administrator&apos;s password was replaced. Consider making a new recovery key.</source>
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
        <extracomment>The window itself reloads the per-PC settings (idle lock, language) on these.</extracomment>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Lock now (Ctrl+L): data is hidden until you unlock</source>
        <translation>立即锁定（Ctrl+L）：解锁前隐藏所有数据</translation>
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
        <source>%1 (%2, %3 high)</source>
        <translation>%1（%2，高 %3）</translation>
    </message>
    <message>
        <source>%1 new high alert(s) in the last day: see Alerts.</source>
        <translation>最近一天新增 %1 条高风险预警：请查看“预警”。</translation>
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
    <name>MappingPage</name>
    <message>
        <source>Match the columns</source>
        <translation>对应列</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Baton field</source>
        <translation>Baton 字段</translation>
    </message>
    <message>
        <source>Branch for departments in rows without one</source>
        <extracomment>Staff: the branch of the departments in rows that name none (asked when the firm has several; with one, departments go to it).</extracomment>
        <translation>未填写分公司的行，其部门归属于</translation>
    </message>
    <message>
        <source>— each row&apos;s branch column —</source>
        <translation>— 按每行的分公司列 —</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) found. Fields marked * are required; choose “ignore” for columns Baton does not need.</source>
        <translation>
            <numerusform>共找到 %n 行。带 * 的字段为必填；Baton 不需要的列请选“忽略”。</numerusform>
        </translation>
    </message>
    <message>
        <source>— ignore —</source>
        <translation>— 忽略 —</translation>
    </message>
    <message>
        <source>“%1” is not a known column; the closest field is %2.</source>
        <translation>无法识别“%1”这一列；最接近的字段是 %2。</translation>
    </message>
    <message>
        <source>“%1” is not a known column: choose its field or leave it ignored.</source>
        <translation>无法识别“%1”这一列：请选择对应字段，或保持忽略。</translation>
    </message>
    <message>
        <source>The columns are matched as last time for these headers.</source>
        <translation>这些表头的列已按上次确认的方式对应。</translation>
    </message>
</context>
<context>
    <name>MoneyTab</name>
    <message>
        <source>Collector / successor</source>
        <translation>收款人／接任人</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Outstanding now</source>
        <translation>当前未收</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>运单</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Open receivables</source>
        <translation>未结应收</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>在途订单</translation>
    </message>
    <message>
        <source>Open contracts</source>
        <translation>有效合同</translation>
    </message>
    <message>
        <source>Assign collector / successor…</source>
        <translation>指定收款人／接任人…</translation>
    </message>
    <message>
        <source>Waive…</source>
        <translation>豁免…</translation>
    </message>
    <message>
        <source>Confirmation letters…</source>
        <translation>对账函…</translation>
    </message>
    <message>
        <source>Open receivables (%1)</source>
        <translation>未结应收（%1）</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>在途订单（%1）</translation>
    </message>
    <message>
        <source>Open contracts (%1)</source>
        <translation>有效合同（%1）</translation>
    </message>
    <message>
        <source>Open receivables (%1) · outstanding now %2</source>
        <translation>未结应收款（%1）· 当前未收 %2</translation>
    </message>
    <message>
        <source>Open orders (%1) · revenue %2</source>
        <translation>未结订单（%1）· 营业额 %2</translation>
    </message>
    <message>
        <source>Today the employee leaves %1 open invoices (%2 outstanding), %3 of them overdue (%4).</source>
        <translation>该员工目前留下 %1 张未结发票（未收 %2），其中 %3 张逾期（%4）。</translation>
    </message>
    <message>
        <source>The lists below are generated when the case is approved.</source>
        <translation>以下列表在案件批准时生成。</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;%1 open items have nobody to take them over.&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;%1 项未结事项无人接手。&lt;/b&gt;</translation>
    </message>
    <message>
        <source>对账函: one letter per customer with an open balance, saved to a folder</source>
        <translation>对账函：每家有未结余额的客户一封，保存到一个文件夹</translation>
    </message>
    <message>
        <source>Save the confirmation letters</source>
        <translation>保存对账函</translation>
    </message>
    <message>
        <source>Issuing confirmation letters</source>
        <translation>正在出具对账函</translation>
    </message>
    <message>
        <source>%1 confirmation letter(s) issued and saved to %2</source>
        <translation>已出具 %1 封对账函并保存到 %2</translation>
    </message>
</context>
<context>
    <name>NonCompeteDialog</name>
    <message>
        <source>Non-compete decision</source>
        <extracomment>The business settings the non-compete form starts from (the law&apos;s floor and ceiling).</extracomment>
        <translation>竞业限制决定</translation>
    </message>
    <message>
        <source>None (0 months), or at most %1 months with a monthly compensation of at least %2% of the last 12 months&apos; average wage and at least the local minimum wage.</source>
        <translation>不约定（0 个月），或最长 %1 个月，月补偿不低于离职前 12 个月平均工资的 %2%，且不低于当地最低工资。</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Average monthly wage (12 months)</source>
        <translation>月平均工资（12 个月）</translation>
    </message>
    <message>
        <source>Local minimum wage</source>
        <translation>当地最低工资</translation>
    </message>
    <message>
        <source>Monthly compensation</source>
        <translation>月补偿金</translation>
    </message>
    <message>
        <source>Record the decision</source>
        <translation>记录决定</translation>
    </message>
    <message>
        <source>At least %1 a month (%2% of the average wage; local minimum %3).</source>
        <translation>每月至少 %1（平均工资的 %2%；当地最低工资 %3）。</translation>
    </message>
    <message>
        <source>Enter an amount such as 4500 or 4,500.00.</source>
        <translation>请输入金额，例如 4500 或 4,500.00。</translation>
    </message>
</context>
<context>
    <name>NonCompetePaymentDialog</name>
    <message>
        <source>Non-compete compensation paid</source>
        <translation>已支付竞业限制补偿</translation>
    </message>
    <message>
        <source>Month %1 of the non-compete period</source>
        <translation>竞业限制期第 %1 个月</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>支付金额</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>支付日期</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Enter an amount such as 4500 or 4,500.00.</source>
        <translation>请输入金额，例如 4500 或 4,500.00。</translation>
    </message>
</context>
<context>
    <name>OrderDialog</name>
    <message>
        <source>New waybill</source>
        <translation>新建运单</translation>
    </message>
    <message>
        <source>Empty: the customer&apos;s owner on that day</source>
        <translation>留空：当天该客户的归属业务员</translation>
    </message>
    <message>
        <source>Waybill number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>始发地</translation>
    </message>
    <message>
        <source>To</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Freight revenue</source>
        <translation>运费收入</translation>
    </message>
    <message>
        <source>Carrier cost</source>
        <translation>承运成本</translation>
    </message>
    <message>
        <source>Choose the customer from the list.</source>
        <translation>请从列表中选择客户。</translation>
    </message>
    <message>
        <source>Enter the amounts as numbers, e.g. 1234.50.</source>
        <translation>请以数字填写金额，例如 1234.50。</translation>
    </message>
</context>
<context>
    <name>OrdersList</name>
    <message>
        <source>Waybills</source>
        <extracomment>The customer&apos;s name takes the spare width, not the date.</extracomment>
        <translation>运单</translation>
    </message>
    <message>
        <source>Search waybill number or customer…</source>
        <translation>搜索运单号或客户…</translation>
    </message>
    <message>
        <source>Waybill</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>Lane</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>运费收入</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>毛利</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>New waybill…</source>
        <translation>新建运单…</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>Aging</source>
        <translation>账龄</translation>
    </message>
    <message>
        <source>Orders &amp; Receivables</source>
        <translation>运单与应收</translation>
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
    <name>PaymentDialog</name>
    <message>
        <source>Record payment</source>
        <translation>登记回款</translation>
    </message>
    <message>
        <source>e.g. bank transfer</source>
        <translation>例如：银行转账</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>到账日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Bank reference</source>
        <translation>银行流水号</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>The payment settles the customer&apos;s oldest open invoices first.</source>
        <translation>回款先冲销该客户最早的未结清发票。</translation>
    </message>
    <message>
        <source>Choose the customer from the list.</source>
        <translation>请从列表中选择客户。</translation>
    </message>
    <message>
        <source>Enter the amount as a number, e.g. 1234.50.</source>
        <translation>请以数字填写金额，例如 1234.50。</translation>
    </message>
</context>
<context>
    <name>PaymentFields</name>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>received on</source>
        <translation>回款日期</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>回款金额</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>collector</source>
        <translation>收款人</translation>
    </message>
</context>
<context>
    <name>PaymentsList</name>
    <message>
        <source>Payments</source>
        <translation>回款</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>到账日期</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Unapplied</source>
        <translation>未核销</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>流水号</translation>
    </message>
    <message>
        <source>Collector</source>
        <translation>收款人</translation>
    </message>
    <message>
        <source>Not fully applied only</source>
        <translation>仅显示未完全核销</translation>
    </message>
</context>
<context>
    <name>PersonalDataTab</name>
    <message>
        <source>Publication</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公示日期</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认情况</translation>
    </message>
    <message>
        <source>Record acknowledgement</source>
        <translation>登记确认</translation>
    </message>
    <message>
        <source>The employee signed or confirmed the selected notice or rule today</source>
        <translation>员工今日已签收或确认所选告知书或规章</translation>
    </message>
    <message>
        <source>Export personal data…</source>
        <translation>导出个人信息…</translation>
    </message>
    <message>
        <source>Everything held about this person, as JSON or a workbook (audited)</source>
        <translation>导出系统中此人的全部信息（JSON 或 Excel，留审计记录）</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <source>%1 (%2, recorded by %3)</source>
        <translation>%1（%2，%3 登记）</translation>
    </message>
    <message>
        <source>Nothing published yet: Personal data (PIPL)… publishes the notice.</source>
        <translation>尚无公示：点击“个人信息（个保法）…”公示告知书。</translation>
    </message>
    <message>
        <source>%1 publication(s) not acknowledged yet.</source>
        <translation>有 %1 项公示尚未确认。</translation>
    </message>
    <message>
        <source>Record that %1 acknowledged “%2” today?</source>
        <translation>登记 %1 已于今日确认《%2》？</translation>
    </message>
    <message>
        <source>Export personal data</source>
        <translation>导出个人信息</translation>
    </message>
    <message>
        <source>JSON (*.json);;Workbook (*.xlsx)</source>
        <translation>JSON (*.json);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported %1 table(s) about this person to %2</source>
        <translation>已将此人的 %1 张表导出至 %2</translation>
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
    <name>PlanDialog</name>
    <message>
        <source>Commission plan: %1</source>
        <translation>提成方案：%1</translation>
    </message>
    <message>
        <source>New commission plan</source>
        <translation>新建提成方案</translation>
    </message>
    <message>
        <source>one flat rate</source>
        <translation>固定费率</translation>
    </message>
    <message>
        <source>tiers by monthly base</source>
        <translation>按当月基数分档</translation>
    </message>
    <message>
        <source>e.g. 3.5 (percent)</source>
        <translation>例如 3.5（百分比）</translation>
    </message>
    <message>
        <source>marginal: each tier&apos;s rate on the part of the base in it</source>
        <translation>超额累进：各档费率只适用于落在该档的部分</translation>
    </message>
    <message>
        <source>whole amount: the reached tier&apos;s rate on the whole base</source>
        <translation>全额累进：达到的档位费率适用于全部基数</translation>
    </message>
    <message>
        <source>From (¥)</source>
        <translation>起（¥）</translation>
    </message>
    <message>
        <source>To (¥, empty: no limit)</source>
        <translation>止（¥，留空：无上限）</translation>
    </message>
    <message>
        <source>Rate (%)</source>
        <translation>费率（%）</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>添加档位</translation>
    </message>
    <message>
        <source>Remove tier</source>
        <translation>删除档位</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>departing</source>
        <translation>离职员工</translation>
    </message>
    <message>
        <source>successor</source>
        <translation>接手人</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Claw back when the invoice is written off within</source>
        <translation>发票核销为坏账时追回，期限为</translation>
    </message>
    <message>
        <source> days of the commission</source>
        <translation> 天（自提成日起）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Commission on</source>
        <translation>提成基数</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>计提时点</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>费率</translation>
    </message>
    <message>
        <source>Flat rate (%)</source>
        <translation>固定费率（%）</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>档位</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Last day (optional)</source>
        <translation>截止日期（可选）</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>适用岗位</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>适用员工</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Orders before the notice date are always the departing employee&apos;s. Attribution follows the ownership history and the departure case, never today&apos;s owner.</source>
        <translation>通知日之前的订单始终归离职员工。归属依据客户归属历史和离职案件，而不是当前的负责人。</translation>
    </message>
    <message>
        <source>Orders in the handover window go to</source>
        <translation>交接期内的订单归</translation>
    </message>
    <message>
        <source>Split X:Y</source>
        <translation>分成比例 X:Y</translation>
    </message>
    <message>
        <source>Money collected after the last working day</source>
        <translation>最后工作日后的回款</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Bad debt</source>
        <translation>坏账</translation>
    </message>
    <message>
        <source>Handover policy</source>
        <translation>交接政策</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>注意：</translation>
    </message>
    <message>
        <source>Tier %1: the upper bound is not an amount.</source>
        <translation>第 %1 档：上限不是金额。</translation>
    </message>
    <message>
        <source>Tier %1: the lower bound is not an amount.</source>
        <translation>第 %1 档：下限不是金额。</translation>
    </message>
    <message>
        <source>Tier %1: the rate is not a percentage.</source>
        <translation>第 %1 档：费率不是百分比。</translation>
    </message>
    <message>
        <source>Enter the rate in percent, e.g. 3.5.</source>
        <translation>请以百分比填写费率，例如 3.5。</translation>
    </message>
    <message>
        <source>Correct the fields marked in red.</source>
        <translation>请更正标红的字段。</translation>
    </message>
</context>
<context>
    <name>PlansDialog</name>
    <message>
        <source>Commission plans</source>
        <translation>提成方案</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>On</source>
        <translation>基数</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>计提时点</translation>
    </message>
    <message>
        <source>Rates</source>
        <translation>费率</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>交接政策</translation>
    </message>
    <message>
        <source>New plan…</source>
        <translation>新建方案…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Save error report…</source>
        <translation>保存错误报告…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) checked: no problems, ready to import.</source>
        <translation>
            <numerusform>已检查 %n 行：没有问题，可以导入。</numerusform>
        </translation>
    </message>
    <message>
        <source>It will also create: %1.</source>
        <translation>还将创建：%1。</translation>
    </message>
    <message>
        <source>%1 new, %2 updated, %3 unchanged (matched by their key).</source>
        <translation>新增 %1 条，更新 %2 条，未变 %3 条（按编号匹配）。</translation>
    </message>
    <message>
        <source>Row %1: %2 — %3 change(s).</source>
        <translation>第 %1 行：%2 —— %3 将被修改。</translation>
    </message>
    <message>
        <source>… and %1 more rows that update.</source>
        <translation>… 另有 %1 行将被更新。</translation>
    </message>
    <message>
        <source>Total rows skipped (合计/小计/总计): %1.</source>
        <translation>已跳过合计行（合计/小计/总计）：%1。</translation>
    </message>
    <message>
        <source>%1 of %2 rows have problems (%3 in all). Nothing will be imported until the file is corrected.</source>
        <translation>%2 行中有 %1 行有问题（共 %3 处）。文件改正之前不会导入任何数据。</translation>
    </message>
    <message>
        <source>Save error report</source>
        <translation>保存错误报告</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Open in a window</source>
        <translation>在窗口中打开</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
</context>
<context>
    <name>PrivacyDialog</name>
    <message>
        <source>Personal data (PIPL)</source>
        <translation>个人信息（个保法）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公示日期</translation>
    </message>
    <message>
        <source>By</source>
        <translation>发布人</translation>
    </message>
    <message>
        <source>Acknowledged by</source>
        <translation>已确认人数</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>公示…</translation>
    </message>
    <message>
        <source>What was made known to staff and when: the privacy notice, commission plans and monitoring rules (Labour Contract Law art. 4).</source>
        <translation>向员工公示的内容及时间：个人信息处理告知书、提成方案和监控规则（《劳动合同法》第四条）。</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>Save setting</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Preview (dry run)</source>
        <translation>预览（不执行）</translation>
    </message>
    <message>
        <source>Purge…</source>
        <translation>清除…</translation>
    </message>
    <message>
        <source>Keep departed staff&apos;s personal fields for</source>
        <translation>离职员工个人信息保存期限</translation>
    </message>
    <message>
        <source>The purge blanks the ID number, phone, e-mail and wage of staff departed longer ago, and the same values in older audit events; business records stay. Preview first: it changes nothing.</source>
        <translation>清除将删去超过保存期限的离职员工的身份证号码、手机、邮箱和工资，以及早期审计记录中的相同信息；业务记录保留。请先预览：预览不做任何更改。</translation>
    </message>
    <message>
        <source>Publications</source>
        <translation>公示记录</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <source>Saved: personal fields are kept %1 years after departure.</source>
        <translation>已保存：个人信息在离职后保存 %1 年。</translation>
    </message>
    <message>
        <source>Nobody departed more than %1 years ago holds personal fields.</source>
        <translation>没有离职超过 %1 年且仍存有个人信息的员工。</translation>
    </message>
    <message>
        <source>Would purge %1 employee(s) departed more than %2 years ago, and redact %3 older audit event(s):</source>
        <translation>将清除 %1 名离职超过 %2 年的员工的个人信息，并脱敏 %3 条早期审计记录：</translation>
    </message>
    <message>
        <source>Purge personal data</source>
        <translation>清除个人信息</translation>
    </message>
    <message>
        <source>Blank the ID number, phone, e-mail and wage of %1 employee(s) for good? This cannot be undone.</source>
        <translation>永久清除 %1 名员工的身份证号码、手机、邮箱和工资？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Purged %1 employee(s); %2 older audit event(s) redacted.</source>
        <translation>已清除 %1 名员工的个人信息；已脱敏 %2 条早期审计记录。</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <source>Publish a notice or rule</source>
        <translation>公示告知书或规章制度</translation>
    </message>
    <message>
        <source>个人信息处理告知书 Privacy notice</source>
        <translation>个人信息处理告知书</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Reassign %1</source>
        <translation>调整 %1 的归属</translation>
    </message>
    <message>
        <source>Current owner</source>
        <translation>当前归属人</translation>
    </message>
    <message>
        <source>none (public pool)</source>
        <translation>无（公海）</translation>
    </message>
    <message>
        <source>New owner</source>
        <translation>新归属人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose the new owner from the list.</source>
        <translation>请从列表中选择新归属人。</translation>
    </message>
</context>
<context>
    <name>ReceiptsPage</name>
    <message>
        <source>What</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <source>Customers, invoices, orders and contracts handed over to you by a leaving colleague. Confirming receipt makes you their owner (or collector) from today, or from the planned date.</source>
        <translation>离职同事移交给您的客户、发票、订单和合同。确认接收后，您自今天（或计划日期）起成为其负责人（或收款人）。</translation>
    </message>
    <message>
        <source>Confirm selected</source>
        <translation>确认所选</translation>
    </message>
    <message>
        <source>Confirm all</source>
        <translation>全部确认</translation>
    </message>
    <message>
        <source>Receipts to confirm</source>
        <translation>待确认接收</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) waiting for you</source>
        <translation>
            <numerusform>%n 项等待您确认</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is waiting for your confirmation.</source>
        <translation>没有等待您确认的事项。</translation>
    </message>
    <message numerus="yes">
        <source>Confirm receipt of all %n item(s)? You become their owner or collector.</source>
        <translation>
            <numerusform>确认接收全部 %n 项？确认后您将成为其负责人或收款人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirming receipt…</source>
        <translation>正在确认接收…</translation>
    </message>
</context>
<context>
    <name>ReceivablesList</name>
    <message>
        <source>Invoices</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Search invoice number or customer…</source>
        <translation>搜索发票号或客户…</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>未收金额</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>仅未结清</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>开票日期</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已收</translation>
    </message>
    <message>
        <source>Written off</source>
        <translation>已核销</translation>
    </message>
    <message>
        <source>Record payment…</source>
        <translation>登记回款…</translation>
    </message>
    <message>
        <source>Write off…</source>
        <translation>核销坏账…</translation>
    </message>
    <message>
        <source>Write off</source>
        <translation>核销坏账</translation>
    </message>
    <message>
        <source>Write off %1 of invoice %2 as a bad-debt loss. Reason (e.g. court ruling, bankruptcy):</source>
        <translation>将发票 %2 的 %1 作为坏账损失核销。原因（如法院判决、破产）：</translation>
    </message>
</context>
<context>
    <name>RecordDutyDialog</name>
    <message>
        <source>Record done</source>
        <translation>记录完成</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
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
    <name>ReleaseDialog</name>
    <message>
        <source>Release from the non-compete</source>
        <translation>解除竞业限制</translation>
    </message>
    <message>
        <source>Later months are no longer due, and 3 months&apos; compensation is due in addition (it appears in the deadlines).</source>
        <translation>之后各月不再需要支付，但须额外支付 3 个月的补偿（列入期限表）。</translation>
    </message>
    <message>
        <source>Released on</source>
        <translation>解除日期</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除</translation>
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <source>Record the customer&apos;s reply</source>
        <translation>登记客户回函</translation>
    </message>
    <message>
        <source>The customer states another balance</source>
        <translation>客户确认的余额不同</translation>
    </message>
    <message>
        <source>Letter %1 to %2 states %3</source>
        <translation>致 %2 的对账函 %1 列明余额 %3</translation>
    </message>
    <message>
        <source>Replied on</source>
        <translation>回函日期</translation>
    </message>
    <message>
        <source>Balance the customer states</source>
        <translation>客户确认的余额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Type the balance the customer states, e.g. 1234.50.</source>
        <translation>请输入客户确认的余额，例如 1234.50。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Chinese (中文)</source>
        <extracomment>True while the list of documents is being read.</extracomment>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Generate receivables aging by salesperson</source>
        <translation>生成应收账款账龄分析表（按业务员）</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>全部文档</translation>
    </message>
    <message>
        <source>Verify a file…</source>
        <translation>核验文件…</translation>
    </message>
    <message>
        <source>Check that a PDF was issued by Baton and has not been changed since</source>
        <translation>核验 PDF 是否由 Baton 签发且未被改动</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>签发时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>No documents yet. Handover forms and other case documents are generated in a departure case&apos;s Documents tab.</source>
        <translation>尚无文档。离职交接单及其他案件文档在离职案件的“文档”页签中生成。</translation>
    </message>
    <message>
        <source>Reports and issued documents</source>
        <translation>报表与已签发文档</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>%1 %2 (%3), SHA-256 %4</source>
        <translation>%1 %2（%3），SHA-256 %4</translation>
    </message>
    <message>
        <source>Generating: %1</source>
        <translation>正在生成：%1</translation>
    </message>
    <message>
        <source>Issued %1: %2 page(s).</source>
        <translation>已签发 %1：共 %2 页。</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
</context>
<context>
    <name>ReviewDetail</name>
    <message>
        <source>Progress per section</source>
        <translation>各部分进度</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>风险</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Send back…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案件</translation>
    </message>
    <message>
        <source>No case selected.</source>
        <translation>未选择案件。</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>%1 · %2 · %3 · last working day %4 (%5 days) · waiting for: %6</source>
        <translation>%1 · %2 · %3 · 最后工作日 %4（%5 天）· 等待：%6</translation>
    </message>
    <message>
        <source>The handover items are generated when the case is approved.</source>
        <translation>交接事项在案件批准时生成。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>%1 with successor</source>
        <translation>%1 项有接任人</translation>
    </message>
    <message>
        <source>%1 required open</source>
        <translation>%1 项必办未完成</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) without successor · %1 overdue receivables of the employee (%2)</source>
        <translation>
            <numerusform>%n 家客户无接任人 · 该员工 %1 张逾期应收（%2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) without successor</source>
        <translation>
            <numerusform>%n 家客户无接任人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s) not yet told</source>
        <translation>
            <numerusform>%n 家客户尚未告知</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused attempt(s) to book orders under the employee</source>
        <translation>
            <numerusform>以该员工名义下单被拒 %n 次</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue deadline(s)</source>
        <translation>
            <numerusform>%n 项期限逾期</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n month(s) of non-compete compensation unpaid</source>
        <translation>
            <numerusform>%n 个月竞业限制补偿未支付</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 is not possible yet (%2):&lt;/b&gt;</source>
        <translation>&lt;b&gt;暂不能“%1”（%2 项原因）：&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 open receivables of the employee (%2), %3 overdue (%4)</source>
        <translation>该员工 %1 张未结应收（%2），其中 %3 张逾期（%4）</translation>
    </message>
    <message>
        <source>done %1</source>
        <translation>已于 %1 完成</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>最后工作日</translation>
    </message>
    <message>
        <source>Overdue receivables</source>
        <translation>逾期应收</translation>
    </message>
    <message>
        <source>Blocking</source>
        <translation>阻碍项</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审批</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>No successor</source>
        <translation>无接任人</translation>
    </message>
    <message>
        <source>Cases waiting for a decision: %1</source>
        <translation>待决定的案件：%1</translation>
    </message>
    <message>
        <source>No case is waiting for a decision.</source>
        <translation>没有待决定的案件。</translation>
    </message>
    <message>
        <source>%1 of %2: the step is recorded with your name, the time and the comment.</source>
        <translation>%2 %1：此步骤将连同您的姓名、时间和备注一起记录。</translation>
    </message>
    <message>
        <source>Approving generates the handover items from today&apos;s data; with many customers this takes a moment.</source>
        <translation>批准将按今天的数据生成交接事项；客户较多时需要稍等片刻。</translation>
    </message>
    <message>
        <source>Send %1 back to “%2”: say what must change.</source>
        <translation>将 %1 退回到“%2”：请说明需要修改什么。</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Refused (%1):&lt;/b&gt;</source>
        <translation>&lt;b&gt;被拒绝（%1 项原因）：&lt;/b&gt;</translation>
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
    <name>RunPage</name>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Importing: all rows are written in one transaction…</source>
        <translation>正在导入：所有行在一个事务中写入…</translation>
    </message>
    <message>
        <source>Imported: %1.</source>
        <translation>已导入：%1。</translation>
    </message>
    <message>
        <source>Cancelled: nothing was imported.</source>
        <translation>已取消：没有导入任何数据。</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <source>Attach the signed copy</source>
        <translation>上传签字件</translation>
    </message>
    <message>
        <source>%1 will be stored encrypted with its SHA-256. A scan is a copy: the signed paper original is the legal document — say where it is kept.</source>
        <translation>%1 将连同其 SHA-256 加密保存。扫描件只是复印件，签字的纸质原件才是法律文件——请注明原件存放位置。</translation>
    </message>
    <message>
        <source>e.g. HR office, cabinet 3, personnel file</source>
        <translation>例如：人事部 3 号档案柜，员工档案</translation>
    </message>
    <message>
        <source>Paper original kept at</source>
        <translation>纸质原件存放处</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>SearchPicker</name>
    <message>
        <source>Type a name or number…</source>
        <translation>输入姓名或编号…</translation>
    </message>
</context>
<context>
    <name>SentDialog</name>
    <message>
        <source>Record sending</source>
        <translation>登记寄出</translation>
    </message>
    <message>
        <source>Letter %1 to %2, total %3</source>
        <translation>致 %2 的对账函 %1，合计 %3</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>寄出日期</translation>
    </message>
    <message>
        <source>How</source>
        <translation>寄送方式</translation>
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
    <message>
        <source>PostgreSQL server address (postgresql+psycopg://user@host/db); empty = local vault</source>
        <translation>PostgreSQL 服务器地址（postgresql+psycopg://用户@主机/数据库）；留空 = 本地加密数据库</translation>
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
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Alert rules</source>
        <translation>预警规则</translation>
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
        <source>Baton works on this PC&apos;s encrypted vault, or — when several PCs share the firm&apos;s data — on a PostgreSQL server in the office. The address is kept on this PC and used from the next login. Connections are encrypted (TLS); the data on the server is protected by the server&apos;s disk encryption.</source>
        <translation>Baton 使用本机的加密数据库；若多台电脑共享公司数据，则使用办公室内的 PostgreSQL 服务器。服务器地址保存在本机，下次登录时生效。连接经 TLS 加密；服务器上的数据由服务器的磁盘加密保护。</translation>
    </message>
    <message>
        <source>empty: this PC&apos;s vault — or postgresql+psycopg://user@server/baton</source>
        <translation>留空：使用本机数据库；或填写 postgresql+psycopg://用户@服务器/baton</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>No address: this PC uses its own encrypted vault.</source>
        <translation>未填写地址：本机使用自己的加密数据库。</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>The database is empty: move this firm&apos;s data there with baton migrate-to-server, or set up a new firm with baton --database … init.</source>
        <translation>该数据库为空：可用 baton migrate-to-server 将本公司数据迁移过去，或用 baton --database … init 新建公司。</translation>
    </message>
    <message>
        <source>It holds the firm %1.</source>
        <translation>其中是公司“%1”的数据。</translation>
    </message>
    <message>
        <source>It holds the firm %1; its tables are brought up to date at first use.</source>
        <translation>其中是公司“%1”的数据；数据表将在首次使用时升级。</translation>
    </message>
    <message>
        <source>Connected to %1 (PostgreSQL %2), encrypted with TLS.</source>
        <translation>已连接到 %1（PostgreSQL %2），连接经 TLS 加密。</translation>
    </message>
    <message>
        <source>Connected to %1 (PostgreSQL %2) WITHOUT encryption: remove sslmode.</source>
        <translation>已连接到 %1（PostgreSQL %2），但连接未加密：请删除地址中的 sslmode。</translation>
    </message>
    <message>
        <source>Saved: the next login on this PC uses this database.</source>
        <translation>已保存：本机下次登录时使用该数据库。</translation>
    </message>
    <message>
        <source>Saved: the next login on this PC uses its own encrypted vault.</source>
        <translation>已保存：本机下次登录时使用自己的加密数据库。</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>Changing your password rewrites only your own key slot; the database is not re-encrypted and nobody else is affected.</source>
        <translation>修改密码只会重写您自己的密钥槽；数据库不会重新加密，也不影响其他人。</translation>
    </message>
    <message numerus="yes">
        <source>Restore the backup made on %1 (%n row(s))?
%2

The current data is backed up first, then replaced. Changes made after the backup are lost.</source>
        <translation>
            <numerusform>恢复 %1 的备份（共 %n 行）吗？
%2

当前数据会先备份，然后被替换。备份之后所做的修改将丢失。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All checks passed: encryption pages, database integrity, foreign keys, and the audit chain (%n event(s)).</source>
        <translation>
            <numerusform>全部检查通过：加密页、数据库完整性、外键和审计链（%n 条事件）。</numerusform>
        </translation>
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
        <source>Your password is checked by the office server; nobody else is affected.</source>
        <translation>您的密码由办公室服务器校验；修改密码不影响其他人。</translation>
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
        <source>Reading the backup…</source>
        <translation>正在读取备份…</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
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
    <message>
        <source>Account %1 is not in the audit log (added outside Baton)</source>
        <translation>账户 %1 不在审计日志中（在 Baton 之外添加）</translation>
    </message>
    <message>
        <source>Account %1 was deleted outside Baton (the audit log has it)</source>
        <translation>账户 %1 在 Baton 之外被删除（审计日志中仍有记录）</translation>
    </message>
    <message>
        <source>Account %1 was changed outside Baton: %2 is %3, the audit log says %4</source>
        <translation>账户 %1 在 Baton 之外被修改：%2 为 %3，审计日志记录为 %4</translation>
    </message>
</context>
<context>
    <name>SettlementPreview</name>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>单据</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Reading the settlement…</source>
        <translation>正在读取结算…</translation>
    </message>
    <message>
        <source>%1 (%2), case %3</source>
        <translation>%1（%2），案件 %3</translation>
    </message>
    <message>
        <source>Notice %1, last working day %2, as of %3. Plans: %4.</source>
        <translation>通知日 %1，最后工作日 %2，截至 %3。提成方案：%4。</translation>
    </message>
    <message>
        <source>To settle with the final wages: %1 (earned %2, clawed back %3). Withheld ≈ %4; forfeited %5.</source>
        <translation>随最后工资结清：%1（已赚取 %2，追回 %3）。暂缓约 %4；不予发放 %5。</translation>
    </message>
    <message>
        <source>No commission plan covers this employee, so nothing is earned or withheld here. Finance sets plans up under Commissions → Plans.</source>
        <translation>没有适用于该员工的提成方案，因此这里没有已赚取或暂缓的提成。财务可在“提成 → 提成方案…”中设置方案。</translation>
    </message>
    <message>
        <source>Warning:</source>
        <translation>警告：</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>preview: month not computed</source>
        <translation>预览：该月尚未计算</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Save the settlement</source>
        <translation>保存结算单</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF（*.pdf）</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up Baton</source>
        <translation>设置 Baton</translation>
    </message>
    <message>
        <source>Stop setting up Baton? Nothing has been saved yet.</source>
        <translation>要停止设置 Baton 吗？目前尚未保存任何内容。</translation>
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
    <name>SeveranceDialog</name>
    <message>
        <source>Severance (经济补偿)</source>
        <translation>经济补偿</translation>
    </message>
    <message>
        <source>e.g. 12183.00</source>
        <translation>例如 12183.00</translation>
    </message>
    <message>
        <source>The local average monthly wage of the previous year (the cap is 3 times it)</source>
        <translation>当地上年度职工月平均工资（封顶为其三倍）</translation>
    </message>
    <message>
        <source>empty: the case&apos;s or the recorded wage</source>
        <translation>留空：按案件或员工记录的工资</translation>
    </message>
    <message>
        <source>As the case provides</source>
        <translation>按案件类型</translation>
    </message>
    <message>
        <source>N (severance)</source>
        <translation>N（经济补偿）</translation>
    </message>
    <message>
        <source>N+1 (with a month&apos;s wage in lieu of notice)</source>
        <translation>N+1（含一个月代通知金）</translation>
    </message>
    <message>
        <source>2N (unlawful termination, art. 87)</source>
        <translation>2N（违法解除，第八十七条）</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>Local average monthly wage</source>
        <translation>当地职工月平均工资</translation>
    </message>
    <message>
        <source>Average wage, last 12 months</source>
        <translation>前十二个月平均工资</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>工作年限</translation>
    </message>
    <message>
        <source>%1 y %2 m %3 d</source>
        <translation>%1 年 %2 个月 %3 天</translation>
    </message>
    <message>
        <source>Months counted</source>
        <translation>计发月数</translation>
    </message>
    <message>
        <source>Monthly wage</source>
        <translation>月工资</translation>
    </message>
    <message>
        <source>Wage counted</source>
        <translation>计发基数</translation>
    </message>
    <message>
        <source>(capped at 3 × the local average)</source>
        <translation>（按当地平均工资三倍封顶）</translation>
    </message>
    <message>
        <source>Severance N</source>
        <translation>经济补偿 N</translation>
    </message>
    <message>
        <source>Pay in lieu of notice (代通知金)</source>
        <translation>代通知金</translation>
    </message>
    <message>
        <source>Total (%1)</source>
        <translation>合计（%1）</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Simple electronic signature (简单电子签名)</source>
        <translation>简单电子签名</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Simple electronic signature (简单电子签名): only the image of the signature is kept, with who signed, in which role and when — never the pressure or speed of the pen. It is drawn into its block the next time the form is generated.</source>
        <translation>简单电子签名：仅保存签名图像及签字人、身份和时间，不记录笔压或书写速度。下次生成交接单时签名将显示在相应签字栏中。</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>签字栏</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签字人</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <extracomment>Least ink (total stroke length, in pixels) a signature needs; the service checks again.</extracomment>
        <translation>签字板</translation>
    </message>
    <message>
        <source>Sign here with the mouse, a pen or a finger</source>
        <translation>请用鼠标、手写笔或手指在此签字</translation>
    </message>
</context>
<context>
    <name>StaffFields</name>
    <message>
        <source>employee no.</source>
        <extracomment>kind -&gt; field -&gt; its name (English source; the catalog gives the Chinese header).</extracomment>
        <translation>工号</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>id number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>branch</source>
        <translation>分公司</translation>
    </message>
    <message>
        <source>department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>manager</source>
        <translation>上级</translation>
    </message>
    <message>
        <source>hire date</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>probation end</source>
        <translation>试用期结束</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>salesperson (yes/no)</source>
        <translation>是否销售</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Staff</source>
        <extracomment>A departure case was opened from here: the window shows it.</extracomment>
        <translation>员工</translation>
    </message>
    <message>
        <source>Search name or employee number…</source>
        <translation>搜索姓名或工号…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>分公司</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>入职日期</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Current staff</source>
        <translation>在职员工</translation>
    </message>
    <message>
        <source>Leaving (notice or handover)</source>
        <translation>离职中（通知期或交接中）</translation>
    </message>
    <message>
        <source>Departed</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Sales only</source>
        <translation>仅销售</translation>
    </message>
    <message>
        <source>New employee…</source>
        <translation>新建员工…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Start departure…</source>
        <translation>办理离职…</translation>
    </message>
    <message>
        <source>Personal data (PIPL)…</source>
        <translation>个人信息（个保法）…</translation>
    </message>
    <message>
        <source>Publications of notices and rules; the retention purge (administrators)</source>
        <translation>告知书与规章的公示记录；按保存期限清除（管理员）</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Commission</source>
        <translation>提成</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>个人信息</translation>
    </message>
</context>
<context>
    <name>Stepper</name>
    <message>
        <source>%1 (current step)</source>
        <translation>%1（当前步骤）</translation>
    </message>
</context>
<context>
    <name>SuggestionsDialog</name>
    <message>
        <source>Suggested successors</source>
        <translation>推荐的接任人</translation>
    </message>
    <message>
        <source>%1 suggestions by region, industry and workload. Uncheck those you do not want; nothing changes until you apply.</source>
        <translation>按地区、行业和工作量给出 %1 条推荐。取消勾选不需要的；应用前不会有任何改动。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Suggested successor</source>
        <translation>推荐接任人</translation>
    </message>
    <message>
        <source>Customers after</source>
        <translation>接手后客户数</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Check all</source>
        <translation>全部勾选</translation>
    </message>
    <message>
        <source>Check none</source>
        <translation>全部取消</translation>
    </message>
    <message>
        <source>Check only the selected rows</source>
        <translation>只勾选选中的行</translation>
    </message>
    <message>
        <source>Set a planned transfer date</source>
        <translation>设置计划移交日期</translation>
    </message>
    <message>
        <source>Planned transfer date</source>
        <translation>计划移交日期</translation>
    </message>
    <message>
        <source>Apply checked</source>
        <translation>应用已勾选</translation>
    </message>
    <message>
        <source>Check at least one suggestion.</source>
        <translation>请至少勾选一条推荐。</translation>
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
        <source>Employee</source>
        <translation>员工</translation>
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
        <source>Link to employee…</source>
        <translation>关联员工…</translation>
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
        <source>Link to employee</source>
        <translation>关联员工</translation>
    </message>
    <message>
        <source>Employee number of %1 (blank: linked to no employee):</source>
        <translation>%1 的工号（留空：不关联员工）：</translation>
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
    <name>WaiveDialog</name>
    <message>
        <source>Waive</source>
        <translation>豁免</translation>
    </message>
    <message>
        <source>%1 selected items</source>
        <translation>所选 %1 项</translation>
    </message>
    <message>
        <source>e.g. paid meanwhile; never issued</source>
        <translation>例如：期间已付款；从未发放</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>WaiveInformingDialog</name>
    <message>
        <source>Waive informing</source>
        <translation>免于告知</translation>
    </message>
    <message>
        <source>The %1 selected customers will not be told of the handover. The case can then complete; the reason is recorded and printed on the handover form.</source>
        <translation>所选 %1 个客户将不会被告知交接。案件随后可以完成；理由会被记录并打印在交接单上。</translation>
    </message>
    <message>
        <source>e.g. no orders for three years; customer closed</source>
        <translation>例如：三年无订单；客户已停业</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>WaybillFields</name>
    <message>
        <source>number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>order date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>salesperson</source>
        <translation>业务员</translation>
    </message>
    <message>
        <source>origin</source>
        <translation>始发地</translation>
    </message>
    <message>
        <source>destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>service type</source>
        <translation>业务类型</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>Cancel</source>
        <extracomment>Gen-2 threshold while a job runs: never reached, so no full collection starts mid-job. A CollectionOp finished: (Changes, initiator). The main window broadcasts it.</extracomment>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>Privacy notice (个人信息处理告知书)</source>
        <translation>个人信息处理告知书</translation>
    </message>
    <message>
        <source>Commission plan</source>
        <translation>提成方案</translation>
    </message>
    <message>
        <source>Monitoring rules</source>
        <translation>监控规则</translation>
    </message>
</context>
</TS>
