<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AcknowledgeRepairDialog</name>
    <message>
        <source>Assembly repair disclosed</source>
        <translation>总成维修告知</translation>
    </message>
    <message>
        <source>The customer has read the repair of the assembly and acknowledges it.
Customer&apos;s name:</source>
        <translation>客户已阅读该总成维修情况并予以确认。
客户姓名：</translation>
    </message>
</context>
<context>
    <name>AdminModels</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>待生效</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Contact about cars of interest</source>
        <translation>就意向车型联系客户</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Self-signed</source>
        <translation>自签名</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256)</source>
        <translation>指纹（SHA-256）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Store</source>
        <translation>门店信息</translation>
    </message>
    <message>
        <source>Source channels</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Consent texts</source>
        <translation>告知同意文本</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>AgreementForm</name>
    <message>
        <source>The customer and the escort sign the bilingual agreement on the pad; it is then signed digitally and archived.</source>
        <translation>客户和陪同人员在签名板上签署中英文协议，随后加盖电子签名并归档。</translation>
    </message>
    <message>
        <source>Sign agreement…</source>
        <translation>签署协议…</translation>
    </message>
    <message>
        <source>Show agreement</source>
        <translation>查看协议</translation>
    </message>
</context>
<context>
    <name>AmendContractDialog</name>
    <message>
        <source>Amend contract {number}</source>
        <translation>变更合同 {number}</translation>
    </message>
    <message>
        <source>Sign amendment</source>
        <translation>签署变更</translation>
    </message>
    <message>
        <source>Amendment (revision {n})</source>
        <translation>合同变更（第 {n} 版）</translation>
    </message>
    <message>
        <source>Required; printed on the amended contract</source>
        <translation>必填；打印在变更后的合同上</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Retype the buyer&apos;s ID number ({masked})</source>
        <translation>请重新输入买受人证件号码（{masked}）</translation>
    </message>
    <message>
        <source>Leave empty to keep it as on the contract</source>
        <translation>留空则保持合同原有内容</translation>
    </message>
    <message>
        <source>Leave empty to keep it ({masked})</source>
        <translation>留空则保持原号码（{masked}）</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <source>Apology</source>
        <translation>致歉</translation>
    </message>
    <message>
        <source>How and by whom the store apologised</source>
        <translation>本店如何致歉、由谁致歉</translation>
    </message>
</context>
<context>
    <name>AppointmentChangeDialog</name>
    <message>
        <source>Reschedule appointment</source>
        <translation>预约改期</translation>
    </message>
    <message>
        <source>Reschedule</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Cancel appointment</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Cancel the appointment</source>
        <translation>取消该预约</translation>
    </message>
    <message>
        <source>Customer did not come</source>
        <translation>客户未到店</translation>
    </message>
    <message>
        <source>Record no-show</source>
        <translation>记录爽约</translation>
    </message>
    <message>
        <source>{customer}, {when}, with {consultant}</source>
        <translation>{customer}，{when}，顾问 {consultant}</translation>
    </message>
    <message>
        <source>customer #{id}</source>
        <translation>客户 #{id}</translation>
    </message>
    <message>
        <source>It counts as a no-show in the traffic report.</source>
        <translation>在客流报表中计为爽约。</translation>
    </message>
    <message>
        <source>Required; kept in the appointment&apos;s history</source>
        <translation>必填；记入预约变更记录</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>New date and time</source>
        <translation>新的日期和时间</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>预约目的</translation>
    </message>
</context>
<context>
    <name>AppointmentDialog</name>
    <message>
        <source>Book appointment</source>
        <translation>新建预约</translation>
    </message>
    <message>
        <source>Customer agreed to the notice (version {version})</source>
        <translation>客户已同意告知（版本 {version}）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>预约</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>the entry was edited</source>
        <translation>该条记录被修改</translation>
    </message>
    <message>
        <source>the entry was deleted</source>
        <translation>该条记录被删除</translation>
    </message>
    <message>
        <source>an entry was inserted or replaced</source>
        <translation>有记录被插入或替换</translation>
    </message>
    <message>
        <source>entries were cut off the end</source>
        <translation>末尾的记录被截去</translation>
    </message>
    <message>
        <source>entries this terminal or the backup saw are gone (the log was cut back or wiped)</source>
        <translation>本终端或备份记录过的条目已不存在（日志被截短或清空）</translation>
    </message>
    <message>
        <source>the log was rebuilt after this terminal last saw it</source>
        <translation>本终端上次核对之后，日志被重建</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Check the chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>All tables</source>
        <translation>全部数据表</translation>
    </message>
    <message>
        <source>Entries: {count}</source>
        <translation>记录：{count} 条</translation>
    </message>
    <message>
        <source>Chain intact: {count} entries checked.</source>
        <translation>哈希链完整：已校验 {count} 条记录。</translation>
    </message>
    <message>
        <source>Chain broken at entry {n}: {reason}.</source>
        <translation>哈希链在第 {n} 条记录处断开：{reason}。</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>#</source>
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
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>Showroom backs up the database once a day when it starts and keeps the newest daily backups; backups taken on request are kept until you delete them. Copy the backup folder to another disk regularly. To restore, close Showroom on every terminal and run: showroom admin restore FILE</source>
        <translation>Showroom 每天启动时自动备份一次数据库，并保留最新的若干份每日备份；手动备份会一直保留，直到您删除。请定期将备份文件夹复制到其他磁盘。恢复时，请先关闭所有终端上的 Showroom，然后运行：showroom admin restore 文件</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Daily backups to keep</source>
        <translation>保留的每日备份份数</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backup written to {path}.</source>
        <translation>备份已写入 {path}。</translation>
    </message>
    <message>
        <source>Showroom keeps the last {n} daily backups.</source>
        <translation>Showroom 将保留最近 {n} 份每日备份。</translation>
    </message>
</context>
<context>
    <name>BackupTableModel</name>
    <message>
        <source>Taken at</source>
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
        <source>Daily</source>
        <translation>每日自动</translation>
    </message>
    <message>
        <source>On request</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
</context>
<context>
    <name>BookingForm</name>
    <message>
        <source>Now (walk-in): if the car is busy, you choose a later time or another car</source>
        <translation>现在（到店客户）：若该车正忙，可改选稍后时段或其他车辆</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户姓名</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Planned distance</source>
        <translation>预计里程</translation>
    </message>
</context>
<context>
    <name>CancelBookingDialog</name>
    <message>
        <source>Cancel booking</source>
        <translation>取消预约</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CareLabels</name>
    <message>
        <source>Disclosure follow-up</source>
        <translation>披露事项跟进</translation>
    </message>
    <message>
        <source>72-hour call</source>
        <translation>72小时回访</translation>
    </message>
    <message>
        <source>First service reminder</source>
        <translation>首保提醒</translation>
    </message>
    <message>
        <source>Lead follow-up</source>
        <translation>意向客户跟进</translation>
    </message>
    <message>
        <source>Recovery confirmation</source>
        <translation>服务补救回访</translation>
    </message>
    <message>
        <source>Reached, satisfied</source>
        <translation>已联系，满意</translation>
    </message>
    <message>
        <source>Reached, not satisfied</source>
        <translation>已联系，不满意</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>未联系上</translation>
    </message>
    <message>
        <source>Apology and compensation due</source>
        <translation>待致歉和补偿</translation>
    </message>
    <message>
        <source>Awaiting approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Confirmation call due</source>
        <translation>待回访确认</translation>
    </message>
    <message>
        <source>Closed, customer satisfied</source>
        <translation>已关闭，客户满意</translation>
    </message>
    <message>
        <source>Product quality</source>
        <translation>产品质量</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交车</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Price or billing</source>
        <translation>价格或收费</translation>
    </message>
    <message>
        <source>Paperwork</source>
        <translation>手续文件</translation>
    </message>
    <message>
        <source>Waiting time</source>
        <translation>等待时间</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Service voucher</source>
        <translation>服务代金券</translation>
    </message>
    <message>
        <source>Free service</source>
        <translation>免费保养</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>愿意</translation>
    </message>
    <message>
        <source>Maybe</source>
        <translation>可能</translation>
    </message>
    <message>
        <source>No</source>
        <translation>不愿意</translation>
    </message>
</context>
<context>
    <name>CareModels</name>
    <message>
        <source>again {time}</source>
        <translation>{time} 再打</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>About</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>立案时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CareNotices</name>
    <message>
        <source>Overdue, escalated to you: {subject} ({who}, due {due})</source>
        <translation>已超时，升级给您：{subject}（{who}，截止 {due}）</translation>
    </message>
    <message>
        <source>A task for you: {subject} (due {due})</source>
        <translation>您有新任务：{subject}（截止 {due}）</translation>
    </message>
</context>
<context>
    <name>CarePage</name>
    <message>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Service recovery</source>
        <translation>服务补救</translation>
    </message>
</context>
<context>
    <name>CareSettingsDialog</name>
    <message>
        <source>Customer care settings</source>
        <translation>客户关怀设置</translation>
    </message>
    <message>
        <source>The consultant who sold the car</source>
        <translation>销售该车的顾问</translation>
    </message>
    <message>
        <source>Customer care</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Brand, or * for every other brand; empty: unchanged</source>
        <translation>品牌，* 表示其他所有品牌；留空则不变</translation>
    </message>
    <message>
        <source>72-hour call by</source>
        <translation>72小时回访由</translation>
    </message>
    <message>
        <source>Customer care person</source>
        <translation>客服人员</translation>
    </message>
    <message>
        <source>Lead follow-up, level {level} (days)</source>
        <translation>意向客户跟进，{level} 级（天）</translation>
    </message>
    <message>
        <source>First service: brand</source>
        <translation>首保：品牌</translation>
    </message>
    <message>
        <source>First service after (days)</source>
        <translation>交车后首保（天）</translation>
    </message>
</context>
<context>
    <name>CertificateTab</name>
    <message>
        <source>Create new self-signed…</source>
        <translation>新建自签名证书…</translation>
    </message>
    <message>
        <source>Import PKCS#12…</source>
        <translation>导入 PKCS#12…</translation>
    </message>
    <message>
        <source>Export PKCS#12…</source>
        <translation>导出 PKCS#12…</translation>
    </message>
    <message>
        <source>New documents are signed with the active certificate. Documents signed with an older certificate still verify as the store&apos;s: every certificate the store has had is kept.</source>
        <translation>新文件使用当前启用的证书签名。用旧证书签名的文件仍可验证为本店文件：本店用过的所有证书都会保留。</translation>
    </message>
    <message>
        <source>Create a new self-signed certificate</source>
        <translation>新建自签名证书</translation>
    </message>
    <message>
        <source>A new self-signed certificate with the store&apos;s legal name will sign all new documents. Documents already signed keep verifying with the old certificate. Continue?</source>
        <translation>将以门店公司名称新建一个自签名证书，用于签署今后的所有文件。已签署的文件仍用旧证书验证。是否继续？</translation>
    </message>
    <message>
        <source>Certificate {subject} is now active.</source>
        <translation>证书 {subject} 现已启用。</translation>
    </message>
    <message>
        <source>Certificate exported to {path}.</source>
        <translation>证书已导出到 {path}。</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>An administrator reset your password. Choose your own before you continue: at least 8 characters of two kinds (letters, digits or other signs).</source>
        <translation>管理员已重置您的密码。继续之前请设置您自己的密码：至少 8 个字符，包含字母、数字、其他符号中的两类。</translation>
    </message>
    <message>
        <source>At least 8 characters of two kinds (letters, digits or other signs).</source>
        <translation>至少 8 个字符，包含字母、数字、其他符号中的两类。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>ChannelDialog</name>
    <message>
        <source>Edit source channel</source>
        <translation>编辑来源渠道</translation>
    </message>
    <message>
        <source>New source channel</source>
        <translation>新增来源渠道</translation>
    </message>
    <message>
        <source>e.g. auto_show</source>
        <translation>例如 auto_show</translation>
    </message>
    <message>
        <source>Offered at check-in</source>
        <translation>登记时可选</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>Lower-case letters, digits and underscores. The code cannot be changed later: reports are keyed on it.</source>
        <translation>使用小写字母、数字和下划线。代码创建后不能修改：报表以它为准。</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>排在最后</translation>
    </message>
    <message>
        <source>A channel already used by visits is deactivated, never deleted: it leaves the check-in list but stays in the reports.</source>
        <translation>已被到店记录使用的渠道只能停用，不能删除：停用后不再出现在登记列表中，但仍保留在报表里。</translation>
    </message>
</context>
<context>
    <name>ChannelsTab</name>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>The check-in form offers the active channels in this order. A channel is deactivated rather than deleted, so past visits keep their source.</source>
        <translation>到店登记表按此顺序列出已启用的渠道。渠道只停用不删除，以前的到店记录保留其来源。</translation>
    </message>
</context>
<context>
    <name>ChargingPileDialog</name>
    <message>
        <source>Charging-pile offer</source>
        <translation>充电桩安装服务</translation>
    </message>
    <message>
        <source>Printed on every new-energy vehicle&apos;s card. After saving, the NEV cards must be reprinted.</source>
        <translation>将打印在每辆新能源汽车的信息卡上。保存后须重新打印新能源车信息卡。</translation>
    </message>
    <message>
        <source>e.g. 购车赠送 7kW 家用充电桩及基础安装（30 米线内）</source>
        <translation>例如：购车赠送 7kW 家用充电桩及基础安装（30 米线内）</translation>
    </message>
    <message>
        <source>Included in the selling price</source>
        <translation>已含在销售价内</translation>
    </message>
    <message>
        <source>0 means free of charge.</source>
        <translation>0 表示免费。</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <source>Fee (yuan)</source>
        <translation>收费（元）</translation>
    </message>
</context>
<context>
    <name>CheckInFields</name>
    <message>
        <source>Type to search, e.g. walk / 官网</source>
        <translation>输入以搜索，如 walk / 官网</translation>
    </message>
    <message>
        <source>Source &amp;channel</source>
        <translation>来源渠道(&amp;C)</translation>
    </message>
    <message>
        <source>Visit &amp;type</source>
        <translation>到店类型(&amp;T)</translation>
    </message>
    <message>
        <source>With c&amp;hildren</source>
        <translation>带儿童(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Party size</source>
        <translation>到店人数(&amp;P)</translation>
    </message>
    <message>
        <source>Children in the party: remind the adults to keep them close and away from moving cars and doors (4.2.1.4).</source>
        <translation>有儿童随行：请提醒家长看护好儿童，远离移动车辆和车门（4.2.1.4）。</translation>
    </message>
    <message>
        <source>&amp;Foreign visitor</source>
        <translation>外籍客户(&amp;F)</translation>
    </message>
    <message>
        <source>Language, e.g. English</source>
        <translation>语言，如英语</translation>
    </message>
    <message>
        <source>Foreign visitor: explain the Chinese rules and policies that apply to foreign buyers (registration, insurance, payment) in their language (4.2.3.3).</source>
        <translation>外籍客户：请用其语言说明适用于外籍购车人的中国法规和政策（上牌、保险、付款）（4.2.3.3）。</translation>
    </message>
    <message>
        <source>Brand and model, several separated by commas</source>
        <translation>品牌和车型，多个用逗号分隔</translation>
    </message>
    <message>
        <source>Interested &amp;models</source>
        <translation>意向车型(&amp;M)</translation>
    </message>
    <message>
        <source>Optional: how to address the visitor</source>
        <translation>选填：客户称呼</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Optional: 11-digit mobile</source>
        <translation>选填：11 位手机号</translation>
    </message>
    <message>
        <source>M&amp;obile</source>
        <translation>手机号(&amp;O)</translation>
    </message>
    <message>
        <source>Customer &amp;agreed to the notice above</source>
        <translation>客户已同意上述告知(&amp;A)</translation>
    </message>
    <message>
        <source>Follows the clock until you change it (late entries).</source>
        <translation>默认跟随当前时间；补录时可修改。</translation>
    </message>
    <message>
        <source>A&amp;rrival</source>
        <translation>到店时间(&amp;R)</translation>
    </message>
    <message>
        <source>Reason (required when not by rotation)</source>
        <translation>原因（不按轮流接待时必填）</translation>
    </message>
    <message>
        <source>Consu&amp;ltant</source>
        <translation>销售顾问(&amp;L)</translation>
    </message>
    <message>
        <source>Check in (Ctrl+Enter)</source>
        <translation>登记到店（Ctrl+Enter）</translation>
    </message>
</context>
<context>
    <name>CheckInForm</name>
    <message>
        <source>By rotation (轮流接待)</source>
        <translation>轮流接待</translation>
    </message>
    <message>
        <source>Show the customer this notice (version {version}) and ask for consent:</source>
        <translation>请向客户出示本告知（版本 {version}）并征得同意：</translation>
    </message>
    <message>
        <source>Known customer: {name}, consultant {consultant}</source>
        <translation>老客户：{name}，销售顾问 {consultant}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>{count} earlier visits; last on {day} with {consultant}</source>
        <translation>此前到店 {count} 次；最近一次 {day}，接待顾问 {consultant}</translation>
    </message>
    <message>
        <source>No earlier visits.</source>
        <translation>此前无到店记录。</translation>
    </message>
    <message>
        <source>Appointment at {time} with {consultant}</source>
        <translation>预约 {time}，顾问 {consultant}</translation>
    </message>
    <message>
        <source>Consent on record: no need to ask again.</source>
        <translation>已有同意记录，无需再次征询。</translation>
    </message>
    <message>
        <source>Appointment arriving: {customer}, {time}, with {consultant}. Choose the channel and check in.</source>
        <translation>预约客户到店：{customer}，{time}，顾问 {consultant}。请选择来源渠道后登记。</translation>
    </message>
</context>
<context>
    <name>CloseComplaintDialog</name>
    <message>
        <source>Close complaint {number}</source>
        <translation>结案：投诉 {number}</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>请选择…</translation>
    </message>
    <message>
        <source>The customer confirms the result</source>
        <translation>客户确认处理结果</translation>
    </message>
    <message>
        <source>The customer refuses the result</source>
        <translation>客户不认可处理结果</translation>
    </message>
    <message>
        <source>Required when the customer refuses: what they said</source>
        <translation>客户不认可时必填：客户的原话</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户意见</translation>
    </message>
    <message>
        <source>What they said</source>
        <translation>客户原话</translation>
    </message>
    <message>
        <source>Close complaint</source>
        <translation>结案</translation>
    </message>
</context>
<context>
    <name>CompensationDialog</name>
    <message>
        <source>Failure and compensation</source>
        <translation>失误分类与补偿</translation>
    </message>
    <message>
        <source>Value in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>失误分类</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿方式</translation>
    </message>
    <message>
        <source>Value (¥)</source>
        <translation>金额（¥）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ComplaintDetail</name>
    <message>
        <source>Add material…</source>
        <translation>添加资料…</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次答复</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>告知处理情况</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Closure</source>
        <translation>结案</translation>
    </message>
    <message>
        <source> (customer sees it)</source>
        <translation>（客户可见）</translation>
    </message>
    <message>
        <source>Materials (kept unchanged):</source>
        <translation>存档资料（不可更改）：</translation>
    </message>
    <message>
        <source>Keep a file with the complaint</source>
        <translation>为投诉存档文件</translation>
    </message>
    <message>
        <source>Letters, photos, recordings (*.pdf *.jpg *.jpeg *.png *.txt *.mp3 *.m4a *.wav *.amr)</source>
        <translation>信函、照片、录音 (*.pdf *.jpg *.jpeg *.png *.txt *.mp3 *.m4a *.wav *.amr)</translation>
    </message>
</context>
<context>
    <name>ComplaintLabels</name>
    <message>
        <source>Front desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>12345 hotline</source>
        <translation>12345热线</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌厂家</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Consumer association</source>
        <translation>消保委</translation>
    </message>
    <message>
        <source>Sales service</source>
        <translation>销售服务</translation>
    </message>
    <message>
        <source>Prices and fees</source>
        <translation>价格与收费</translation>
    </message>
    <message>
        <source>Vehicle quality</source>
        <translation>车辆质量</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交车</translation>
    </message>
    <message>
        <source>Paperwork</source>
        <translation>手续与证照</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>running</source>
        <translation>计时中</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>done in time</source>
        <translation>按时完成</translation>
    </message>
    <message>
        <source>done late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>first response (72 hours)</source>
        <translation>首次答复（72小时）</translation>
    </message>
    <message>
        <source>reply (7 working days)</source>
        <translation>告知处理情况（7个工作日）</translation>
    </message>
    <message>
        <source>assigned to you</source>
        <translation>已分派给您</translation>
    </message>
</context>
<context>
    <name>ComplaintNoteDialog</name>
    <message>
        <source>Handling note on {number}</source>
        <translation>投诉 {number} 的处理记录</translation>
    </message>
    <message>
        <source>First response on {number}</source>
        <translation>投诉 {number} 的首次答复</translation>
    </message>
    <message>
        <source>Tell the customer how {number} is handled</source>
        <translation>告知客户投诉 {number} 的受理和处理情况</translation>
    </message>
    <message>
        <source>The customer may see this note in a progress query</source>
        <translation>客户查询进度时可见此记录</translation>
    </message>
    <message>
        <source>What the customer was told; shown in their progress query.</source>
        <translation>填写告知客户的内容；客户查询进度时可见。</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>ComplaintNotices</name>
    <message>
        <source>Complaints need you ({count}): see Complaints</source>
        <translation>有投诉需要您处理（{count}）：请查看“客户投诉”</translation>
    </message>
</context>
<context>
    <name>ComplaintProgressDialog</name>
    <message>
        <source>Complaint progress</source>
        <translation>投诉进度查询</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Complaint number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>Last 4 digits of the mobile</source>
        <translation>手机号后4位</translation>
    </message>
    <message>
        <source>Complaint {number}: {status}</source>
        <translation>投诉 {number}：{status}</translation>
    </message>
    <message>
        <source>Received {at}</source>
        <translation>受理时间 {at}</translation>
    </message>
    <message>
        <source>First answered {at}</source>
        <translation>首次答复 {at}</translation>
    </message>
    <message>
        <source>Told how it is handled {at}</source>
        <translation>已告知处理情况 {at}</translation>
    </message>
    <message>
        <source>The customer is told how it is handled by {at}</source>
        <translation>将于 {at} 前告知处理情况</translation>
    </message>
    <message>
        <source>Result: {result}</source>
        <translation>处理结果：{result}</translation>
    </message>
</context>
<context>
    <name>ComplaintTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>First response (72 h)</source>
        <translation>首次答复（72小时）</translation>
    </message>
    <message>
        <source>Reply (7 working days)</source>
        <translation>告知处理情况（7个工作日）</translation>
    </message>
    <message>
        <source>Handler / status</source>
        <translation>处理人 / 状态</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>Complaints</source>
        <translation>客户投诉</translation>
    </message>
    <message>
        <source>No complaints here. A new one starts with Receive…</source>
        <translation>这里没有投诉。新投诉请点“受理投诉…”。</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>只看未结案</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Seen</source>
        <translation>已知悉</translation>
    </message>
    <message>
        <source>Receive…</source>
        <translation>受理投诉…</translation>
    </message>
    <message>
        <source>Note…</source>
        <translation>处理记录…</translation>
    </message>
    <message>
        <source>First response…</source>
        <translation>首次答复…</translation>
    </message>
    <message>
        <source>Reply…</source>
        <translation>告知处理情况…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>结案…</translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation>受理回执…</translation>
    </message>
    <message>
        <source>Progress lookup…</source>
        <translation>进度查询…</translation>
    </message>
    <message>
        <source>Working days…</source>
        <translation>工作日历…</translation>
    </message>
    <message>
        <source>The official holidays of {years} are not known yet: reply deadlines in it count every day but 1 January, 1-2 May and 1-3 October, so they fall early. A manager enters that year&apos;s holidays and swapped working days in Working days…</source>
        <translation>{years} 年的法定节假日尚未公布或录入：该年的答复期限暂按自然日计算，只扣除 1 月 1 日、5 月 1–2 日和 10 月 1–3 日，因此会偏早。请经理在“工作日历…”中录入该年的节假日和调休工作日。</translation>
    </message>
    <message>
        <source>Complaints: {count}, from the 12345 hotline: {hotline}</source>
        <translation>投诉：{count} 件，其中12345热线：{hotline} 件</translation>
    </message>
    <message>
        <source>{number}: a new complaint for you to handle</source>
        <translation>{number}：有一件新投诉由您处理</translation>
    </message>
    <message>
        <source>{number}: {deadline} {level}</source>
        <translation>{number}：{deadline}{level}</translation>
    </message>
    <message>
        <source>Complaint receipt {number}</source>
        <translation>投诉受理回执 {number}</translation>
    </message>
</context>
<context>
    <name>ConflictBox</name>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Saved by {name} at {time}.</source>
        <translation>由 {name} 于 {time} 保存。</translation>
    </message>
    <message>
        <source>Saved by {name}.</source>
        <translation>由 {name} 保存。</translation>
    </message>
    <message>
        <source>Saved at {time}.</source>
        <translation>于 {time} 保存。</translation>
    </message>
    <message>
        <source>Changed on another terminal</source>
        <translation>已在其他终端修改</translation>
    </message>
    <message>
        <source>What differs (yours / theirs):</source>
        <translation>不同之处（您的 / 对方的）：</translation>
    </message>
    <message>
        <source>{field}: “{yours}” / “{theirs}”</source>
        <translation>{field}：“{yours}” / “{theirs}”</translation>
    </message>
    <message>
        <source>… and {n} more.</source>
        <translation>……另有 {n} 项。</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Reload and re-apply my changes</source>
        <translation>重新加载并重新应用我的修改</translation>
    </message>
</context>
<context>
    <name>ConsentTab</name>
    <message>
        <source>Publish new version…</source>
        <translation>发布新版本…</translation>
    </message>
    <message>
        <source>The check-in desk shows the current text before it records a visitor&apos;s name or mobile. Published texts are never changed; each consent keeps the version the visitor saw.</source>
        <translation>前台在记录访客姓名或手机号之前展示当前版本的文本。已发布的文本永不修改；每份同意都保留访客所见的版本。</translation>
    </message>
    <message>
        <source>Chinese text</source>
        <translation>中文文本</translation>
    </message>
    <message>
        <source>English text</source>
        <translation>英文文本</translation>
    </message>
</context>
<context>
    <name>ConsentTextDialog</name>
    <message>
        <source>Publish a new consent text</source>
        <translation>发布新版告知同意文本</translation>
    </message>
    <message>
        <source>e.g. v2</source>
        <translation>例如 v2</translation>
    </message>
    <message>
        <source>Effective immediately</source>
        <translation>立即生效</translation>
    </message>
    <message>
        <source>(store time)</source>
        <translation>（门店时间）</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Chinese text</source>
        <translation>中文文本</translation>
    </message>
    <message>
        <source>English text</source>
        <translation>英文文本</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>A published text can never be edited or deleted: each visitor&apos;s consent records the exact version shown. To change the wording, publish a new version.</source>
        <translation>已发布的文本永远不能修改或删除：每位访客的同意都记录了当时展示的确切版本。如需修改措辞，请发布新版本。</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>Sales contract: {vehicle}</source>
        <translation>购车合同：{vehicle}</translation>
    </message>
    <message>
        <source>Sign contract</source>
        <translation>签订合同</translation>
    </message>
    <message>
        <source>{figures} (RMB {words})</source>
        <translation>{figures}（人民币{words}）</translation>
    </message>
    <message>
        <source>no signed quote yet</source>
        <translation>尚无已签署的报价单</translation>
    </message>
    <message>
        <source>{vehicle}, VIN {vin}
Price: {price}</source>
        <translation>{vehicle}，VIN {vin}
价格：{price}</translation>
    </message>
    <message>
        <source>Agency services (separate agreement): {services}</source>
        <translation>代办服务（另签委托服务协议）：{services}</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Special terms</source>
        <translation>特别约定</translation>
    </message>
    <message>
        <source>Agency service agreement</source>
        <translation>委托服务协议</translation>
    </message>
    <message>
        <source>Customer signs…</source>
        <translation>客户签名…</translation>
    </message>
    <message>
        <source>Consultant signs…</source>
        <translation>销售顾问签名…</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签名</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>尚未签名</translation>
    </message>
    <message>
        <source>Sales contract</source>
        <translation>购车合同</translation>
    </message>
</context>
<context>
    <name>ContractFields</name>
    <message>
        <source>Resident ID card (居民身份证)</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Business licence (营业执照)</source>
        <translation>营业执照（统一社会信用代码）</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>HK/Macao/Taiwan residence permit (居住证)</source>
        <translation>港澳台居民居住证</translation>
    </message>
    <message>
        <source>Foreign permanent residence ID (永久居留证)</source>
        <translation>外国人永久居留身份证</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买受人</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID type</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Agent (if any)</source>
        <translation>代理人（如有）</translation>
    </message>
    <message>
        <source>Agent&apos;s ID type</source>
        <translation>代理人证件类型</translation>
    </message>
    <message>
        <source>Agent&apos;s ID number</source>
        <translation>代理人证件号码</translation>
    </message>
    <message>
        <source>Car and payment</source>
        <translation>车辆与付款</translation>
    </message>
    <message>
        <source>Engine no.</source>
        <translation>发动机号</translation>
    </message>
    <message>
        <source>Certificate of conformity no. (合格证)</source>
        <translation>合格证编号</translation>
    </message>
    <message>
        <source>Lump sum</source>
        <translation>一次性付款</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Instalments</source>
        <translation>分期付款</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Lender</source>
        <translation>贷款机构</translation>
    </message>
    <message>
        <source>Loan (yuan)</source>
        <translation>贷款金额（元）</translation>
    </message>
    <message>
        <source>No deposit</source>
        <translation>无定金/订金</translation>
    </message>
    <message>
        <source>定金 earnest money: forfeited or returned double, at most 20 %</source>
        <translation>定金：违约不退或双倍返还，不超过20%</translation>
    </message>
    <message>
        <source>订金 advance payment: refundable</source>
        <translation>订金：预付款，可退还</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>定金/订金</translation>
    </message>
    <message>
        <source>Deposit (yuan)</source>
        <translation>定金/订金金额（元）</translation>
    </message>
    <message>
        <source>Delivery and special terms</source>
        <translation>交付与特别约定</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>交付地点</translation>
    </message>
    <message>
        <source>Store delivery area</source>
        <translation>本店交付区</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>交付日期</translation>
    </message>
    <message>
        <source>Maximum odometer at delivery</source>
        <translation>交付时最大里程</translation>
    </message>
    <message>
        <source>Signed separately; leave empty if none</source>
        <translation>另行签署；没有则留空</translation>
    </message>
    <message>
        <source>Special terms</source>
        <translation>特别约定</translation>
    </message>
</context>
<context>
    <name>CorrectCustomerDialog</name>
    <message>
        <source>Correct the customer&apos;s details</source>
        <translation>更正客户信息</translation>
    </message>
    <message>
        <source>Leave empty to keep {name}</source>
        <translation>留空则保留 {name}</translation>
    </message>
    <message>
        <source>Leave empty to keep {mobile}</source>
        <translation>留空则保留 {mobile}</translation>
    </message>
    <message>
        <source>Right name</source>
        <translation>正确姓名</translation>
    </message>
    <message>
        <source>Right mobile</source>
        <translation>正确手机号</translation>
    </message>
    <message>
        <source>Required, e.g. mistyped at check-in; kept in the history</source>
        <translation>必填，例如登记时输错；记入变更记录</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>来访</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>同意记录</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>Appointment changes</source>
        <translation>预约变更</translation>
    </message>
    <message>
        <source>Correct name or mobile…</source>
        <translation>更正姓名或手机号…</translation>
    </message>
    <message>
        <source>Withdraw consent…</source>
        <translation>撤回同意…</translation>
    </message>
    <message>
        <source>Give to another consultant…</source>
        <translation>转给其他顾问…</translation>
    </message>
    <message>
        <source>Customer #{id}: details erased (consent withdrawn)</source>
        <translation>客户 #{id}：信息已删除（已撤回同意）</translation>
    </message>
    <message>
        <source>{name} · mobile {mobile}</source>
        <translation>{name} · 手机 {mobile}</translation>
    </message>
    <message>
        <source>consent on record</source>
        <translation>已有同意记录</translation>
    </message>
    <message>
        <source>no consent on record</source>
        <translation>无有效同意</translation>
    </message>
    <message>
        <source>no consultant yet</source>
        <translation>尚无顾问</translation>
    </message>
    <message>
        <source>{who}
Consultant: {consultant} · {consent}</source>
        <translation>{who}
销售顾问：{consultant} · {consent}</translation>
    </message>
</context>
<context>
    <name>CustomerForms</name>
    <message>
        <source>Customer: {name}, mobile {mobile}</source>
        <translation>客户：{name}，手机 {mobile}</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>CustomerHitModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
</context>
<context>
    <name>CustomerModels</name>
    <message>
        <source>Name corrected</source>
        <translation>更正姓名</translation>
    </message>
    <message>
        <source>Mobile corrected</source>
        <translation>更正手机号</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Given to another consultant</source>
        <translation>转给其他顾问</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Rescheduled</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>爽约</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到店时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Notice version</source>
        <translation>告知书版本</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>同意时间</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>撤回时间</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Booked for</source>
        <translation>预约时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>From → to</source>
        <translation>原 → 新</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Given at check-in</source>
        <translation>到店登记时提供</translation>
    </message>
</context>
<context>
    <name>DealHistory</name>
    <message>
        <source>Deal opened</source>
        <translation>建立销售订单</translation>
    </message>
    <message>
        <source>Quote revision {n}</source>
        <translation>报价第 {n} 版</translation>
    </message>
    <message>
        <source>Quote revision {n} signed</source>
        <translation>报价第 {n} 版已签字</translation>
    </message>
    <message>
        <source>Items disclosed: {n}</source>
        <translation>已告知事项：{n} 项</translation>
    </message>
    <message>
        <source>Disclosure signed</source>
        <translation>告知书已签字</translation>
    </message>
    <message>
        <source>Contract signed</source>
        <translation>合同已签订</translation>
    </message>
    <message>
        <source>Contract amended (revision {n})</source>
        <translation>合同已变更（第 {n} 版）</translation>
    </message>
    <message>
        <source>Contract {status}</source>
        <translation>合同{status}</translation>
    </message>
    <message>
        <source>Refund asked ({status})</source>
        <translation>退款申请（{status}）</translation>
    </message>
    <message>
        <source>Odometer {km} km</source>
        <translation>里程 {km} 公里</translation>
    </message>
    <message>
        <source>Car handed over</source>
        <translation>车辆已交付</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>出具时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效</translation>
    </message>
</context>
<context>
    <name>DealLink</name>
    <message>
        <source>Deal</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>This visitor has no open lead of yours yet: record the model they are interested in first.</source>
        <translation>该客户还没有您跟进中的意向：请先记录其意向车型。</translation>
    </message>
    <message>
        <source>New deal</source>
        <translation>新建销售订单</translation>
    </message>
</context>
<context>
    <name>DealPage</name>
    <message>
        <source>Deal</source>
        <translation>销售订单</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing has happened on this deal yet.</source>
        <translation>此交易尚无记录。</translation>
    </message>
    <message>
        <source>No documents yet: the signed quote, contract, receipts and handover papers appear here.</source>
        <translation>暂无文件：签字的报价单、合同、收款凭证和交车文件将在此列出。</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历程</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Reprint…</source>
        <translation>补打…</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Deal: {customer}</source>
        <translation>销售订单：{customer}</translation>
    </message>
    <message>
        <source>{customer} · {car} · {vin}</source>
        <translation>{customer} · {car} · {vin}</translation>
    </message>
    <message>
        <source>(anonymised)</source>
        <translation>（已匿名）</translation>
    </message>
    <message>
        <source>to order</source>
        <translation>待订车</translation>
    </message>
    <message>
        <source>Stage: {stage} · consultant: {consultant}</source>
        <translation>阶段：{stage} · 销售顾问：{consultant}</translation>
    </message>
    <message>
        <source>Latest quote: {total}</source>
        <translation>最新报价：{total}</translation>
    </message>
    <message>
        <source>Contract {number}: due {due}, paid {paid}, loan {loan}, open {open}</source>
        <translation>合同 {number}：应付 {due}，已付 {paid}，贷款 {loan}，未付 {open}</translation>
    </message>
    <message>
        <source>Delivery by {date}; appointment: {when}</source>
        <translation>约定交车日期 {date}；交车预约：{when}</translation>
    </message>
    <message>
        <source>not yet made</source>
        <translation>尚未预约</translation>
    </message>
    <message>
        <source>Cancelled: {reason}</source>
        <translation>已取消：{reason}</translation>
    </message>
</context>
<context>
    <name>DealSteps</name>
    <message>
        <source>“{step}” is not available in this version yet.</source>
        <translation>本版本暂不支持“{step}”。</translation>
    </message>
    <message>
        <source>Quote…</source>
        <translation>报价…</translation>
    </message>
    <message>
        <source>Disclosure…</source>
        <translation>信息告知…</translation>
    </message>
    <message>
        <source>Contract…</source>
        <translation>签订合同…</translation>
    </message>
    <message>
        <source>Payment…</source>
        <translation>收款…</translation>
    </message>
    <message>
        <source>Schedule / Handover…</source>
        <translation>预约 / 交车…</translation>
    </message>
    <message>
        <source>Amend contract…</source>
        <translation>变更合同…</translation>
    </message>
    <message>
        <source>Cancel contract…</source>
        <translation>解除合同…</translation>
    </message>
</context>
<context>
    <name>DealTableModel</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>车型</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车架号</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Quote total</source>
        <translation>报价总额</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Open balance</source>
        <translation>未付余额</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>进入阶段时间</translation>
    </message>
    <message>
        <source>(anonymised)</source>
        <translation>（已匿名）</translation>
    </message>
    <message>
        <source>to order</source>
        <translation>待订车</translation>
    </message>
</context>
<context>
    <name>DemoProgress</name>
    <message>
        <source>Creating the demo store and its staff…</source>
        <translation>正在创建演示门店及员工…</translation>
    </message>
    <message>
        <source>Adding the cars…</source>
        <translation>正在添加车辆…</translation>
    </message>
    <message>
        <source>Signing the store notices…</source>
        <translation>正在签署门店公示…</translation>
    </message>
    <message>
        <source>Issuing the vehicle cards…</source>
        <translation>正在发布车辆信息卡…</translation>
    </message>
    <message>
        <source>Recording test drives…</source>
        <translation>正在记录试乘试驾…</translation>
    </message>
    <message>
        <source>Recording pre-delivery inspections…</source>
        <translation>正在记录交车前检查（PDI）…</translation>
    </message>
    <message>
        <source>Signing the sample sales and handovers…</source>
        <translation>正在签订示例销售与交车…</translation>
    </message>
    <message>
        <source>Seating today&apos;s visitors…</source>
        <translation>正在安排今日到店客户…</translation>
    </message>
    <message>
        <source>Recording the store&apos;s past year for its KPIs…</source>
        <translation>正在录入门店近一年的经营记录（管理指标用）…</translation>
    </message>
    <message>
        <source>Opening the demo store…</source>
        <translation>正在打开演示门店…</translation>
    </message>
    <message>
        <source>Preparing the demo store</source>
        <translation>正在准备演示门店</translation>
    </message>
</context>
<context>
    <name>DepartureForm</name>
    <message>
        <source>Customer confirmed route, distance and time</source>
        <translation>客户已确认路线、里程和时间</translation>
    </message>
    <message>
        <source>Record check</source>
        <translation>登记检查</translation>
    </message>
    <message>
        <source>Odometer</source>
        <translation>里程表</translation>
    </message>
</context>
<context>
    <name>DisclosureDialog</name>
    <message>
        <source>Produced more than 2 years ago</source>
        <translation>生产日期已超过2年</translation>
    </message>
    <message>
        <source>Production date unknown</source>
        <translation>生产日期未知</translation>
    </message>
    <message>
        <source>Recorded defect</source>
        <translation>已记录的瑕疵</translation>
    </message>
    <message>
        <source>Recorded repair</source>
        <translation>已记录的维修</translation>
    </message>
    <message>
        <source>Assembly repaired at the PDI</source>
        <translation>交车前检查中维修的总成</translation>
    </message>
    <message>
        <source>Disclosure before the contract</source>
        <translation>签约前车辆情况告知</translation>
    </message>
    <message>
        <source>Sign…</source>
        <translation>签署…</translation>
    </message>
    <message>
        <source>Before the contract the customer is told about the car&apos;s age over 2 years, its recorded defects and repairs. The customer and you sign what is disclosed.</source>
        <translation>签订合同前，须向客户告知车辆生产超过2年、已记录的瑕疵和维修情况。客户和您在告知内容上签字。</translation>
    </message>
    <message>
        <source>Follow-up by</source>
        <translation>跟进人</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Nothing to disclose about this car.</source>
        <translation>该车辆无需告知事项。</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>车辆情况告知书</translation>
    </message>
</context>
<context>
    <name>DiscountThresholdDialog</name>
    <message>
        <source>Discount approval threshold</source>
        <translation>折扣审批额度</translation>
    </message>
    <message>
        <source>A discount on a quote above this amount needs a sales manager&apos;s approval.</source>
        <translation>报价中的折扣超过此金额时，须经销售经理审批。</translation>
    </message>
    <message>
        <source>Threshold (yuan)</source>
        <translation>审批额度（元）</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>签发时间</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发人</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Voided: {reason}</source>
        <translation>已作废：{reason}</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <source>Search by document number or subject</source>
        <translation>按文件编号或对象搜索</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Show voided</source>
        <translation>显示已作废</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Reprint…</source>
        <translation>补打…</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>New store notice…</source>
        <translation>新建门店公示…</translation>
    </message>
    <message>
        <source>Verify a PDF file…</source>
        <translation>验证 PDF 文件…</translation>
    </message>
    <message>
        <source>Not printed yet. Each print of the chosen document is listed here.</source>
        <translation>尚未打印。所选文件的每次打印都会列在这里。</translation>
    </message>
    <message>
        <source>Print ledger</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <source>Documents: {count}</source>
        <translation>文件数：{count}</translation>
    </message>
    <message>
        <source>Select a document to see its details and print ledger.</source>
        <translation>选择一份文件以查看详情和打印记录。</translation>
    </message>
    <message>
        <source>{type} {number} v{version}, issued {time} by {issuer}.</source>
        <translation>{type} {number} 第 {version} 版，由 {issuer} 于 {time} 签发。</translation>
    </message>
    <message>
        <source>Digitally signed by {signer}; SHA-256 {sha}.</source>
        <translation>数字签章：{signer}；SHA-256 {sha}。</translation>
    </message>
    <message>
        <source>Not digitally signed.</source>
        <translation>未经数字签章。</translation>
    </message>
    <message>
        <source>Handwritten signatures: {names}</source>
        <translation>手写签名：{names}</translation>
    </message>
    <message>
        <source>Voided {time} by {who}: {reason}</source>
        <translation>已于 {time} 由 {who} 作废：{reason}</translation>
    </message>
    <message>
        <source>Replaced by version {version}.</source>
        <translation>已由第 {version} 版取代。</translation>
    </message>
    <message>
        <source>Verify a PDF file</source>
        <translation>验证 PDF 文件</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The document is unchanged since this store signed it.</source>
        <translation>文件自本店签章后未被改动。</translation>
    </message>
    <message>
        <source>Warning: this document was changed after it was signed, or it is damaged.</source>
        <translation>警告：此文件在签章后被改动或已损坏。</translation>
    </message>
    <message>
        <source>This document has no digital signature.</source>
        <translation>此文件没有数字签章。</translation>
    </message>
    <message>
        <source>The document is unchanged since it was signed, but not with this store&apos;s certificate.</source>
        <translation>文件自签章后未被改动，但并非使用本店证书签章。</translation>
    </message>
    <message>
        <source>Signed by {signer} on {time} (China time).</source>
        <translation>签章人：{signer}，时间：{time}（北京时间）。</translation>
    </message>
    <message>
        <source>It is archived as {number} v{version}{voided}.</source>
        <translation>档案中的对应文件：{number} 第 {version} 版{voided}。</translation>
    </message>
    <message>
        <source> (voided since)</source>
        <translation>（现已作废）</translation>
    </message>
</context>
<context>
    <name>EndContractDialog</name>
    <message>
        <source>End contract {number}</source>
        <translation>解除合同 {number}</translation>
    </message>
    <message>
        <source>{buyer}, VIN {vin}. The car goes back in stock and the deal is cancelled; finance receives a refund request for the net amount paid.</source>
        <translation>{buyer}，VIN {vin}。车辆将退回库存，交易取消；财务将收到已付净额的退款申请。</translation>
    </message>
    <message>
        <source>Cancel by agreement</source>
        <translation>协商取消</translation>
    </message>
    <message>
        <source>Terminate under the breach terms</source>
        <translation>按违约条款解除</translation>
    </message>
    <message>
        <source>Required; printed nowhere, kept with the contract</source>
        <translation>必填；不打印，随合同存档</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>End contract</source>
        <translation>解除合同</translation>
    </message>
</context>
<context>
    <name>EndVisitDialog</name>
    <message>
        <source>End visit</source>
        <translation>结束接待</translation>
    </message>
    <message>
        <source>{visitor}, consultant {consultant}</source>
        <translation>{visitor}，销售顾问 {consultant}</translation>
    </message>
    <message>
        <source>Had a test drive</source>
        <translation>已试乘试驾</translation>
    </message>
    <message>
        <source>{level}: expects to buy within {days} days; follow up every {every} days</source>
        <translation>{level}：预计 {days} 天内购车；每 {every} 天回访一次</translation>
    </message>
    <message>
        <source>Set a follow-up date</source>
        <translation>指定回访日期</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>接待结果</translation>
    </message>
    <message>
        <source>Intent level</source>
        <translation>意向级别</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Model ordered</source>
        <translation>成交车型</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Anonymous visitor: no lead is recorded (no name and mobile with consent).</source>
        <translation>匿名客户：不记录意向客户（未经同意留下姓名和手机号）。</translation>
    </message>
    <message>
        <source>A lead is recorded or updated for each model of interest.</source>
        <translation>将为每个意向车型新建或更新意向客户记录。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <source>A VIN has 17 characters; this one has {length}.</source>
        <translation>车辆识别代号（VIN）应为 17 位，当前为 {length} 位。</translation>
    </message>
    <message>
        <source>A VIN uses only digits and capital letters except I, O and Q.</source>
        <translation>VIN 只能包含数字和大写字母（不含 I、O、Q）。</translation>
    </message>
    <message>
        <source>The VIN check digit (9th character) does not match. Check the VIN; a sales manager may override with a reason.</source>
        <translation>VIN 校验位（第 9 位）不符。请核对 VIN；销售经理可填写理由后放行。</translation>
    </message>
    <message>
        <source>A vehicle with VIN {vin} already exists.</source>
        <translation>VIN 为 {vin} 的车辆已存在。</translation>
    </message>
    <message>
        <source>A resident ID number has 18 characters.</source>
        <translation>居民身份证号码应为 18 位。</translation>
    </message>
    <message>
        <source>This resident ID number&apos;s check character is wrong: please re-type it.</source>
        <translation>身份证号码校验位不正确，请重新输入。</translation>
    </message>
    <message>
        <source>This resident ID number has no valid birth date or region code.</source>
        <translation>身份证号码中的出生日期或地区码无效。</translation>
    </message>
    <message>
        <source>A unified social credit code has 18 characters.</source>
        <translation>统一社会信用代码为18位。</translation>
    </message>
    <message>
        <source>This unified social credit code&apos;s check character is wrong.</source>
        <translation>统一社会信用代码校验位不正确。</translation>
    </message>
    <message>
        <source>Enter the 18-character unified social credit code of the business licence.</source>
        <translation>请输入营业执照上的18位统一社会信用代码。</translation>
    </message>
    <message>
        <source>A passport number has 5 to 20 letters and digits.</source>
        <translation>护照号码为5至20位字母和数字。</translation>
    </message>
    <message>
        <source>A residence permit number has 18 digits and starts with 810000, 820000 or 830000.</source>
        <translation>港澳台居民居住证号码为18位，以810000、820000或830000开头。</translation>
    </message>
    <message>
        <source>This residence permit number&apos;s check character is wrong.</source>
        <translation>居住证号码校验位不正确。</translation>
    </message>
    <message>
        <source>This residence permit number has no valid birth date.</source>
        <translation>居住证号码中的出生日期无效。</translation>
    </message>
    <message>
        <source>Enter the 18-digit number starting with 9, or the older 3 letters and 12 digits.</source>
        <translation>请输入以9开头的18位号码，或旧版的3位字母加12位数字。</translation>
    </message>
    <message>
        <source>This permanent residence ID number&apos;s check character is wrong.</source>
        <translation>永久居留身份证号码校验位不正确。</translation>
    </message>
    <message>
        <source>Enter a loan amount above 0 and at most the price.</source>
        <translation>贷款金额须大于0且不超过车辆价款。</translation>
    </message>
    <message>
        <source>Say whether the deposit is 定金 or 订金.</source>
        <translation>请选择是定金还是订金。</translation>
    </message>
    <message>
        <source>Enter the deposit amount.</source>
        <translation>请输入定金/订金金额。</translation>
    </message>
    <message>
        <source>A 定金 may not exceed 20 % of the contract price (Civil Code art. 586).</source>
        <translation>定金不得超过合同价款的20%（《民法典》第586条）。</translation>
    </message>
    <message>
        <source>The deposit may not exceed the price.</source>
        <translation>定金/订金不得超过车辆价款。</translation>
    </message>
    <message>
        <source>The delivery date cannot be in the past.</source>
        <translation>交付日期不能早于今天。</translation>
    </message>
    <message>
        <source>Enter at most {max} km.</source>
        <translation>最多 {max} 公里。</translation>
    </message>
    <message>
        <source>An amendment keeps the buyer: end this contract and sign a new one instead.</source>
        <translation>变更合同不能更换买受人：请解除本合同后重新签订。</translation>
    </message>
    <message>
        <source>This deal is cancelled.</source>
        <translation>该交易已取消。</translation>
    </message>
    <message>
        <source>This deal already has a live contract.</source>
        <translation>该交易已有生效合同。</translation>
    </message>
    <message>
        <source>The customer has not signed a quote yet.</source>
        <translation>客户尚未签署报价单。</translation>
    </message>
    <message>
        <source>The signed quote is for another car: sign a new quote.</source>
        <translation>已签署的报价单对应的是另一台车，请重新签署报价单。</translation>
    </message>
    <message>
        <source>No car is assigned to this deal yet.</source>
        <translation>该交易尚未分配车辆。</translation>
    </message>
    <message>
        <source>The car is not in stock or on display.</source>
        <translation>该车不在库存或展厅中。</translation>
    </message>
    <message>
        <source>This car is already in another live contract.</source>
        <translation>该车已在另一份生效合同中。</translation>
    </message>
    <message>
        <source>The car&apos;s age or repairs must be disclosed and signed before the contract.</source>
        <translation>签订合同前须告知车辆库龄或维修情况并由客户签字确认。</translation>
    </message>
    <message>
        <source>The customer and the consultant sign the contract.</source>
        <translation>合同须由客户和销售顾问签字。</translation>
    </message>
    <message>
        <source>The customer and the consultant sign the special terms separately.</source>
        <translation>特别约定须由客户和销售顾问另行签字。</translation>
    </message>
    <message>
        <source>The customer and the consultant sign the agency service agreement separately.</source>
        <translation>委托服务协议须由客户和销售顾问另行签字。</translation>
    </message>
    <message>
        <source>This contract has already ended or been fulfilled.</source>
        <translation>该合同已解除或已履行完毕。</translation>
    </message>
    <message>
        <source>A car becomes sold only by signing its sales contract.</source>
        <translation>车辆只能通过签订购车合同变为已售。</translation>
    </message>
    <message>
        <source>A car is delivered only through its handover.</source>
        <translation>车辆只能通过交车流程交付。</translation>
    </message>
    <message>
        <source>A live contract holds this car: a sales manager ends the contract first.</source>
        <translation>该车受生效合同约束：须先由销售经理解除合同。</translation>
    </message>
    <message>
        <source>This is not a valid resident ID number.</source>
        <translation>这不是有效的居民身份证号码。</translation>
    </message>
    <message>
        <source>The ID number&apos;s check character does not match; please check it.</source>
        <translation>身份证号码校验码不符，请核对。</translation>
    </message>
    <message>
        <source>An ID number starts with a province or municipality code, such as 31 for Shanghai; these first two digits are not one.</source>
        <translation>身份证号码以省级行政区划代码开头（如上海为 31），这两位数字不是有效代码。</translation>
    </message>
    <message>
        <source>Characters 7 to 14 of an ID number are the birth date; this one is not a real date or is in the future.</source>
        <translation>身份证号码第 7 至 14 位是出生日期，此号码中的日期不存在或晚于今天。</translation>
    </message>
    <message>
        <source>Enter an 11-digit mainland mobile number, e.g. 138 1234 5678.</source>
        <translation>请输入 11 位大陆手机号码，例如 138 1234 5678。</translation>
    </message>
    <message>
        <source>Enter a phone number using digits, spaces and dashes.</source>
        <translation>请输入电话号码（数字、空格和短横线）。</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 189800 or 189800.00.</source>
        <translation>请输入数字，例如 189800 或 189800.00。</translation>
    </message>
    <message>
        <source>This amount is too large.</source>
        <translation>金额过大。</translation>
    </message>
    <message>
        <source>This text contains a control character that cannot be saved; please retype it.</source>
        <translation>此内容含有无法保存的控制字符，请重新输入。</translation>
    </message>
    <message>
        <source>Enter an amount greater than zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <source>A price cannot be negative: enter the amount in yuan without a minus sign.</source>
        <translation>价格不能为负数：请输入以元为单位的金额，不要带负号。</translation>
    </message>
    <message>
        <source>Enter a value between {min} and {max}.</source>
        <translation>请输入 {min} 到 {max} 之间的数值。</translation>
    </message>
    <message>
        <source>This date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>Too long: at most {max} characters.</source>
        <translation>内容过长：最多 {max} 个字符。</translation>
    </message>
    <message>
        <source>This value is not one of the allowed choices.</source>
        <translation>该值不在可选范围内。</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>请按 YYYY-MM-DD 格式输入日期。</translation>
    </message>
    <message>
        <source>Use 2 to 64 letters, digits, dots, dashes or underscores.</source>
        <translation>请使用 2 至 64 个字母、数字、点、短横线或下划线。</translation>
    </message>
    <message>
        <source>This username is already taken.</source>
        <translation>该用户名已被使用。</translation>
    </message>
    <message>
        <source>The password needs at least {min} characters.</source>
        <translation>密码至少需要 {min} 个字符。</translation>
    </message>
    <message>
        <source>The two passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation>未知岗位。</translation>
    </message>
    <message>
        <source>A vehicle cannot move from this status to the one chosen.</source>
        <translation>车辆不能从当前状态变更为所选状态。</translation>
    </message>
    <message>
        <source>The store has already been set up.</source>
        <translation>门店已完成初始设置。</translation>
    </message>
    <message>
        <source>Unknown column.</source>
        <translation>未知列。</translation>
    </message>
    <message>
        <source>This VIN already appears in row {first_row} of the file.</source>
        <translation>该 VIN 已在文件第 {first_row} 行出现。</translation>
    </message>
    <message>
        <source>A document can only be replaced by one of the same type.</source>
        <translation>文件只能由同类型的文件取代。</translation>
    </message>
    <message>
        <source>A configuration item cannot contain a semicolon; put each item on its own line.</source>
        <translation>配置项中不能包含分号；请每行填写一项。</translation>
    </message>
    <message>
        <source>A car cannot be entered as delivered: delivery needs a passed PDI.</source>
        <translation>车辆不能以“已交付”状态录入：交付前须通过 PDI 检查。</translation>
    </message>
    <message>
        <source>The arrival time must be today, not in the future.</source>
        <translation>到店时间须为今天，且不能晚于当前时间。</translation>
    </message>
    <message>
        <source>Name and mobile are stored only if the customer agrees to the notice shown (PIPL). Tick &quot;Customer agreed&quot; or clear them.</source>
        <translation>仅在客户同意所示告知后才保存姓名和手机号（个人信息保护法）。请勾选“客户已同意”，或清空姓名和手机号。</translation>
    </message>
    <message>
        <source>The consent notice shown is not the current one; reopen the form.</source>
        <translation>所示告知不是当前版本，请重新打开表单。</translation>
    </message>
    <message>
        <source>This consultant is not on duty today.</source>
        <translation>该销售顾问今天不在岗。</translation>
    </message>
    <message>
        <source>Choose an active sales consultant.</source>
        <translation>请选择在职的销售顾问。</translation>
    </message>
    <message>
        <source>The visitor is already with this consultant.</source>
        <translation>该客户已由这位顾问接待。</translation>
    </message>
    <message>
        <source>Choosing a consultant for a walk-in bypasses the rotation: use the override with a reason.</source>
        <translation>为自然到店客户指定顾问会绕过轮流接待：请填写原因进行人工指派。</translation>
    </message>
    <message>
        <source>ID numbers are never recorded at the desk; remove it.</source>
        <translation>前台不记录身份证件号码，请删除。</translation>
    </message>
    <message>
        <source>{model} is not a model in the inventory.</source>
        <translation>{model} 不是库存中的车型。</translation>
    </message>
    <message>
        <source>At most {max} entries.</source>
        <translation>最多 {max} 项。</translation>
    </message>
    <message>
        <source>{model} is not one of the visitor&apos;s models of interest.</source>
        <translation>{model} 不在该客户的意向车型中。</translation>
    </message>
    <message>
        <source>This visit has already ended.</source>
        <translation>该接待已结束。</translation>
    </message>
    <message>
        <source>This visitor is no longer waiting.</source>
        <translation>该客户已不在等候中。</translation>
    </message>
    <message>
        <source>This appointment is no longer open (arrived, cancelled or no-show).</source>
        <translation>该预约已关闭（已到店、已取消或未到店）。</translation>
    </message>
    <message>
        <source>A no-show can be recorded only after the booked time.</source>
        <translation>预约时间过后才能登记未到店。</translation>
    </message>
    <message>
        <source>This customer already has a lead for {model}.</source>
        <translation>该客户已有 {model} 的意向记录。</translation>
    </message>
    <message>
        <source>A lead cannot move from this status to the one chosen.</source>
        <translation>意向客户不能从当前状态改为所选状态。</translation>
    </message>
    <message>
        <source>Choose a date from today up to {max_days} days ahead.</source>
        <translation>请选择今天起 {max_days} 天内的日期。</translation>
    </message>
    <message>
        <source>The month is not over yet.</source>
        <translation>本月尚未结束。</translation>
    </message>
    <message>
        <source>This cannot be in the past.</source>
        <translation>不能早于当前时间。</translation>
    </message>
    <message>
        <source>Use lower-case letters, digits and underscores.</source>
        <translation>请使用小写字母、数字和下划线。</translation>
    </message>
    <message>
        <source>This code is already used by another channel.</source>
        <translation>该代码已被其他渠道使用。</translation>
    </message>
    <message>
        <source>Use a short version label such as v2.</source>
        <translation>请使用简短的版本号，如 v2。</translation>
    </message>
    <message>
        <source>Type at least {min} characters: the last digits of a mobile, or the start of a name.</source>
        <translation>请至少输入 {min} 个字符：手机号后几位，或姓名开头。</translation>
    </message>
    <message>
        <source>Version {version_label} already exists.</source>
        <translation>版本 {version_label} 已存在。</translation>
    </message>
    <message>
        <source>Some fields need attention. Nothing was saved.</source>
        <translation>部分字段有误，未保存任何内容。</translation>
    </message>
    <message>
        <source>This needs a sales manager&apos;s override with a reason. Nothing was saved.</source>
        <translation>此操作需要销售经理填写理由后放行，未保存任何内容。</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>您的岗位无权执行此操作。</translation>
    </message>
    <message>
        <source>The record no longer exists. It may have been removed on another terminal.</source>
        <translation>该记录已不存在，可能已在其他终端被移除。</translation>
    </message>
    <message>
        <source>Someone else saved this record on another terminal after you opened it. Your changes were not saved: reload to see theirs, then apply yours again.</source>
        <translation>在您打开此记录后，其他终端已保存了修改。您的修改未保存：请重新加载查看对方的修改，再重新填写您的修改。</translation>
    </message>
    <message>
        <source>Wrong username or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed attempts: this account is locked until {until} (UTC).</source>
        <translation>失败次数过多：该账户已锁定至 {until}（UTC）。</translation>
    </message>
    <message>
        <source>The store has not been set up yet.</source>
        <translation>门店尚未完成初始设置。</translation>
    </message>
    <message>
        <source>This car cannot be delivered before it has passed a pre-delivery inspection (PDI).</source>
        <translation>该车尚未通过新车售前检查（PDI），不能交付。</translation>
    </message>
    <message>
        <source>The database cannot be reached. Check the connection in Settings.</source>
        <translation>无法连接数据库，请在“设置”中检查连接。</translation>
    </message>
    <message>
        <source>The file cannot be read. Save it as .xlsx, or as .csv in UTF-8 or GBK, and try again.</source>
        <translation>无法读取该文件。请另存为 .xlsx，或 UTF-8 / GBK 编码的 .csv 后重试。</translation>
    </message>
    <message>
        <source>The file lacks required columns: {columns}.</source>
        <translation>文件缺少必需的列：{columns}。</translation>
    </message>
    <message>
        <source>The file has these columns more than once: {columns}.</source>
        <translation>文件中以下列重复出现：{columns}。</translation>
    </message>
    <message>
        <source>The file has more than {limit:,} rows; nothing was imported. Split it into smaller files, or ask the administrator to raise the import limit.</source>
        <translation>文件超过 {limit:,} 行，未导入任何数据。请拆分为较小的文件，或请管理员提高导入行数上限。</translation>
    </message>
    <message>
        <source>Export to a file ending in .xlsx or .csv.</source>
        <translation>请导出为 .xlsx 或 .csv 文件。</translation>
    </message>
    <message>
        <source>The file cannot be written. Choose another folder, or close the file in Excel.</source>
        <translation>无法写入该文件。请选择其他文件夹，或先在 Excel 中关闭该文件。</translation>
    </message>
    <message>
        <source>This database belongs to another store ({store}); the demo data was not added.</source>
        <translation>该数据库属于其他门店（{store}），未添加演示数据。</translation>
    </message>
    <message>
        <source>No Chinese font for documents was found. Install WenQuanYi Micro Hei (fonts-wqy-microhei) or set SHOWROOM_CJK_FONT. Searched: {searched}</source>
        <translation>未找到文件打印所需的中文字体。请安装文泉驿微米黑（fonts-wqy-microhei）或设置 SHOWROOM_CJK_FONT。已查找：{searched}</translation>
    </message>
    <message>
        <source>The font configuration {path} is invalid.</source>
        <translation>字体配置 {path} 无效。</translation>
    </message>
    <message>
        <source>The signature of {signer} could not be read; please sign again.</source>
        <translation>无法读取 {signer} 的签名，请重新签名。</translation>
    </message>
    <message>
        <source>The certificate file cannot be used: wrong password, damaged file, or key and certificate do not match.</source>
        <translation>无法使用该证书文件：密码错误、文件损坏，或私钥与证书不匹配。</translation>
    </message>
    <message>
        <source>This certificate file needs its password.</source>
        <translation>该证书文件需要密码。</translation>
    </message>
    <message>
        <source>The store&apos;s signing certificate expired on {expired_at}. An administrator must create or import a new one.</source>
        <translation>门店签章证书已于 {expired_at} 过期，请管理员新建或导入证书。</translation>
    </message>
    <message>
        <source>The document could not be signed digitally.</source>
        <translation>文件数字签章失败。</translation>
    </message>
    <message>
        <source>This file is not a readable PDF.</source>
        <translation>该文件不是可读取的 PDF。</translation>
    </message>
    <message>
        <source>No printer is installed. Add one in the system settings, or use Save As… to keep the PDF.</source>
        <translation>未安装打印机。请在系统设置中添加打印机，或使用“另存为…”保存 PDF。</translation>
    </message>
    <message>
        <source>The printer {printer} is not available any more. Choose another printer.</source>
        <translation>打印机 {printer} 已不可用，请选择其他打印机。</translation>
    </message>
    <message>
        <source>Printing on {printer} failed. Check that the printer is on and try again.</source>
        <translation>在 {printer} 上打印失败。请检查打印机是否开启后重试。</translation>
    </message>
    <message>
        <source>Printing was cancelled; nothing was sent to the printer.</source>
        <translation>打印已取消，未向打印机发送任何内容。</translation>
    </message>
    <message>
        <source>The file {path} cannot be written. Choose another folder or file name.</source>
        <translation>无法写入文件 {path}，请选择其他文件夹或文件名。</translation>
    </message>
    <message>
        <source>The archived copy of {number} v{version} does not match its recorded fingerprint. Do not hand it out; tell the administrator (restore from a backup).</source>
        <translation>档案中 {number} 第 {version} 版与记录的指纹不符。请勿交付该文件，并通知管理员（从备份恢复）。</translation>
    </message>
    <message>
        <source>{number} v{version} has already been voided.</source>
        <translation>{number} 第 {version} 版已作废。</translation>
    </message>
    <message>
        <source>The store has no signing certificate yet. An administrator must create or import one.</source>
        <translation>门店尚无签章证书，请管理员新建或导入。</translation>
    </message>
    <message>
        <source>The key file that protects the store&apos;s signing key is missing or does not match ({path}). Copy it from the store&apos;s first terminal (showroom admin keys export / import).</source>
        <translation>保护门店签章私钥的密钥文件缺失或不匹配（{path}）。请从门店第一台终端复制（showroom admin keys export / import）。</translation>
    </message>
    <message>
        <source>This terminal does not have the store&apos;s audit key file ({path}): nothing can be saved here and the audit log cannot be checked. Copy it from a terminal that has it (showroom admin keys export --key audit / keys import --key audit).</source>
        <translation>本终端没有门店的审计日志密钥文件（{path}）：无法在此保存任何内容，也无法核对审计日志。请从已有该文件的终端复制（showroom admin keys export --key audit / keys import --key audit）。</translation>
    </message>
    <message>
        <source>Something went wrong. The details were written to the log file; nothing was changed.</source>
        <translation>出现错误，详细信息已写入日志文件；未做任何更改。</translation>
    </message>
    <message>
        <source>A card can only be issued for a car in stock or on display (VIN {vin}).</source>
        <translation>只能为在库或展示中的车辆签发信息卡（VIN {vin}）。</translation>
    </message>
    <message>
        <source>Only a car in stock or on display can be placed on the showroom floor (VIN {vin}).</source>
        <translation>只有在库或展示中的车辆才能摆放到展厅（VIN {vin}）。</translation>
    </message>
    <message>
        <source>The zone {zone} is reserved for new-energy vehicles (T/CSCA 120031 4.2.1.5).</source>
        <translation>{zone}仅供新能源汽车展示（T/CSCA 120031 4.2.1.5）。</translation>
    </message>
    <message>
        <source>Position {position} is taken by another car (VIN {vin}). Choose swap to exchange them.</source>
        <translation>展位 {position} 已有其他车辆（VIN {vin}）。可选择互换两车位置。</translation>
    </message>
    <message>
        <source>Only a car that already stands in a position can swap with the car at {position}.</source>
        <translation>只有已在展位上的车辆才能与 {position} 的车辆互换。</translation>
    </message>
    <message>
        <source>The scanned code is neither a showroom card nor a VIN.</source>
        <translation>扫描的内容既不是展车信息卡，也不是 VIN。</translation>
    </message>
    <message>
        <source>Cancelled after {done} of {total}.</source>
        <translation>已取消，已完成 {done}/{total}。</translation>
    </message>
    <message>
        <source>The card for {vin} has too much text to fit: shorten the disclosures or the promotion.</source>
        <translation>{vin} 的信息卡内容过多，无法排版：请精简披露信息或促销内容。</translation>
    </message>
    <message>
        <source>The card link template is not a valid web address: use {{vin}}, {{card_number}} and {{version}} only.</source>
        <translation>信息卡链接模板不是有效网址：只能使用 {{vin}}、{{card_number}} 和 {{version}}。</translation>
    </message>
    <message>
        <source>The card link is too long for a QR code ({length} bytes, at most {limit}).</source>
        <translation>信息卡链接过长，无法生成二维码（{length} 字节，最多 {limit}）。</translation>
    </message>
    <message>
        <source>The card&apos;s QR code content is too long to print.</source>
        <translation>信息卡二维码内容过长，无法打印。</translation>
    </message>
    <message>
        <source>Showroom</source>
        <translation>展厅系统</translation>
    </message>
    <message>
        <source>Describe the defect: the repair and the customer&apos;s copy refer to it.</source>
        <translation>请描述瑕疵：整改记录和客户联都会引用。</translation>
    </message>
    <message>
        <source>Say why this item does not apply to this car.</source>
        <translation>请说明本项为何不适用于该车。</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 250 or 12.6.</source>
        <translation>请输入数字，例如 250 或 12.6。</translation>
    </message>
    <message>
        <source>Item {item} was not OK: record the repair first, then re-check it.</source>
        <translation>项目 {item} 不合格：请先记录整改，再复检。</translation>
    </message>
    <message>
        <source>Name the assembly (总成) that was repaired; it is disclosed to the customer.</source>
        <translation>请填写维修的总成名称，须告知客户。</translation>
    </message>
    <message>
        <source>Only JPEG and PNG photos can be attached.</source>
        <translation>只能添加 JPEG 或 PNG 照片。</translation>
    </message>
    <message>
        <source>The photo is too large (at most {max_mb} MB).</source>
        <translation>照片过大（最多 {max_mb} MB）。</translation>
    </message>
    <message>
        <source>The technician and the customer must both sign the report.</source>
        <translation>技师和客户都必须在报告上签字。</translation>
    </message>
    <message>
        <source>Must be text.</source>
        <translation>必须是文字。</translation>
    </message>
    <message>
        <source>Must be a JSON object.</source>
        <translation>必须是 JSON 对象。</translation>
    </message>
    <message>
        <source>Must be true or false.</source>
        <translation>必须是 true 或 false。</translation>
    </message>
    <message>
        <source>Not a PDI checklist file (format must be {expected}).</source>
        <translation>不是 PDI 检查清单文件（format 应为 {expected}）。</translation>
    </message>
    <message>
        <source>The checklist has no sections.</source>
        <translation>检查清单没有分类。</translation>
    </message>
    <message>
        <source>A section needs at least one item, and the checklist at least one active item.</source>
        <translation>每个分类至少需要一个项目，清单至少需要一个有效项目。</translation>
    </message>
    <message>
        <source>Invalid id {value}: sections are a capital letter (e.g. E), items the section and two digits (e.g. E01).</source>
        <translation>编号 {value} 无效：分类为大写字母（如 E），项目为分类加两位数字（如 E01）。</translation>
    </message>
    <message>
        <source>The id {value} is used twice.</source>
        <translation>编号 {value} 重复。</translation>
    </message>
    <message>
        <source>Unknown powertrain {value}: use {allowed}.</source>
        <translation>未知动力类型 {value}：请使用 {allowed}。</translation>
    </message>
    <message>
        <source>The value kind must be one of {allowed}.</source>
        <translation>数值类型必须为 {allowed} 之一。</translation>
    </message>
    <message>
        <source>Item {item} needs {required} photos before it can pass; {have} attached so far.</source>
        <translation>检查项 {item} 需要 {required} 张照片才能判定合格；目前已附 {have} 张。</translation>
    </message>
    <message>
        <source>The number of photos must be a whole number from 0 to {max}.</source>
        <translation>照片数量须为 0 至 {max} 的整数。</translation>
    </message>
    <message>
        <source>Must be a JSON list.</source>
        <translation>必须是 JSON 列表。</translation>
    </message>
    <message>
        <source>Name the section (&quot;section&quot;) or the item (&quot;item&quot;) that is left out, with its reason.</source>
        <translation>请写明省略的检查类别（&quot;section&quot;）或检查项（&quot;item&quot;）及其原因。</translation>
    </message>
    <message>
        <source>Give the reason why {omitted} is left out.</source>
        <translation>请说明省略 {omitted} 的原因。</translation>
    </message>
    <message>
        <source>{omitted} {en} of the standard checklist is left out (T/CSCA 120031 4.4.1.2): keep it, or name it under omissions with its reason.</source>
        <translation>标准清单中的 {omitted} {zh} 被省略（T/CSCA 120031 4.4.1.2）：请保留该项，或在省略项中写明原因。</translation>
    </message>
    <message>
        <source>{omitted} is named as left out, but the checklist covers it or the standard checklist has no such part.</source>
        <translation>{omitted} 被列为省略项，但清单已包含该项，或标准清单中没有此项。</translation>
    </message>
    <message>
        <source>{omitted} {en} is left out ({reason}): an administrator approves the omission when publishing.</source>
        <translation>{omitted} {zh} 被省略（{reason}）：须由管理员在发布时批准该省略。</translation>
    </message>
    <message>
        <source>The PDI has passed but its report is not signed yet: the technician and the customer sign it on the PDI page before delivery (T/CSCA 120031 4.4.1.4).</source>
        <translation>PDI 已通过但报告尚未签字：交车前须由技师和客户在 PDI 页面签字（T/CSCA 120031 4.4.1.4）。</translation>
    </message>
    <message>
        <source>You have no PDI technician certificate on record. Only certified technicians may inspect (T/CSCA 120031 4.4.1.3); ask the administrator to enter yours on the staff page.</source>
        <translation>系统中没有您的 PDI 技师资格证。只有持证技师才能检查（T/CSCA 120031 4.4.1.3）；请管理员在员工页面录入。</translation>
    </message>
    <message>
        <source>Your PDI technician certificate expired on {expiry}. Only technicians with a valid certificate may inspect (T/CSCA 120031 4.4.1.3).</source>
        <translation>您的 PDI 技师资格证已于 {expiry} 过期。只有持有效证书的技师才能检查（T/CSCA 120031 4.4.1.3）。</translation>
    </message>
    <message>
        <source>The car {vin} cannot be inspected for delivery in its current status.</source>
        <translation>车辆 {vin} 当前状态下不能进行交车前检查。</translation>
    </message>
    <message>
        <source>The car {vin} already has an open inspection: continue that one.</source>
        <translation>车辆 {vin} 已有未完成的检查：请继续该检查。</translation>
    </message>
    <message>
        <source>The car {vin} has already passed the PDI on the current checklist.</source>
        <translation>车辆 {vin} 已按当前检查清单通过 PDI。</translation>
    </message>
    <message>
        <source>This inspection is paused: resume it first.</source>
        <translation>该检查已暂停：请先继续。</translation>
    </message>
    <message>
        <source>This inspection has passed and is closed; it can no longer be changed.</source>
        <translation>该检查已通过并关闭，不能再修改。</translation>
    </message>
    <message>
        <source>Only an inspection in progress can be paused.</source>
        <translation>只有进行中的检查才能暂停。</translation>
    </message>
    <message>
        <source>This inspection is not paused.</source>
        <translation>该检查未暂停。</translation>
    </message>
    <message>
        <source>{count} items are not checked yet: {items}. Every item must be recorded before the inspection is completed.</source>
        <translation>还有 {count} 项未检查：{items}。所有项目记录完毕后才能完成检查。</translation>
    </message>
    <message>
        <source>Item {item} is not recorded as not OK: only a defect is rectified.</source>
        <translation>项目 {item} 未记录为不合格：只有瑕疵需要整改。</translation>
    </message>
    <message>
        <source>The repair of item {item} is not an assembly repair.</source>
        <translation>项目 {item} 的整改不是总成维修。</translation>
    </message>
    <message>
        <source>The customer has already acknowledged the repair of item {item}.</source>
        <translation>客户已确认项目 {item} 的维修。</translation>
    </message>
    <message>
        <source>Only a passed inspection gets a report for the customer.</source>
        <translation>只有通过的检查才能出具客户报告。</translation>
    </message>
    <message>
        <source>This inspection&apos;s report has already been issued; print the customer&apos;s copy from it.</source>
        <translation>该检查的报告已出具；请从中打印客户联。</translation>
    </message>
    <message>
        <source>The PDI checklist for {brand} (v{version}) leaves out parts of the standard checklist without an administrator&apos;s approval (T/CSCA 120031 4.4.1.2): the administrator publishes it again with each omission named and approved.</source>
        <translation>{brand} 的 PDI 检查清单（v{version}）省略了标准清单中的部分内容，且未经管理员批准（T/CSCA 120031 4.4.1.2）：请管理员写明每处省略并批准后重新发布。</translation>
    </message>
    <message>
        <source>The file is not valid JSON (line {line}).</source>
        <translation>文件不是有效的 JSON（第 {line} 行）。</translation>
    </message>
    <message>
        <source>The file is too large for a checklist.</source>
        <translation>文件过大，不是检查清单。</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: {reason}</source>
        <translation>无法读取文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>The file {path} cannot be written: {reason}</source>
        <translation>无法写入文件 {path}：{reason}</translation>
    </message>
    <message>
        <source>Use at least {min} characters of two kinds: letters, digits or other signs.</source>
        <translation>请至少使用 {min} 个字符，并包含字母、数字、其他符号中的两类。</translation>
    </message>
    <message>
        <source>The password may not be the username.</source>
        <translation>密码不能与用户名相同。</translation>
    </message>
    <message>
        <source>This password is too well known. Choose another.</source>
        <translation>此密码过于常见，请另选一个。</translation>
    </message>
    <message>
        <source>The current password is not right.</source>
        <translation>当前密码不正确。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码必须与当前密码不同。</translation>
    </message>
    <message>
        <source>The two new passwords do not match.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>Say why the number is needed (at least {min} characters).</source>
        <translation>请说明查看该号码的用途（至少 {min} 个字符）。</translation>
    </message>
    <message>
        <source>The consent text promised at most {max} months.</source>
        <translation>同意书承诺的保存期限最长为 {max} 个月。</translation>
    </message>
    <message>
        <source>Enter at least one month.</source>
        <translation>请至少输入 1 个月。</translation>
    </message>
    <message>
        <source>No number is stored here.</source>
        <translation>此处未保存号码。</translation>
    </message>
    <message>
        <source>This computer does not have the store&apos;s key for ID and licence numbers, so it cannot record or show them. Nothing was saved. An administrator copies the key from a terminal that has it: there &apos;showroom admin keys export --key personal --out FILE&apos;, here &apos;showroom admin keys import FILE --key personal&apos;.</source>
        <translation>本机没有本店用于身份证号和驾驶证号的密钥，因此无法记录或显示这些号码。未保存任何内容。请管理员从已有该密钥的终端复制：在那台终端运行 &apos;showroom admin keys export --key personal --out FILE&apos;，在本机运行 &apos;showroom admin keys import FILE --key personal&apos;。</translation>
    </message>
    <message>
        <source>The key for ID and licence numbers on this computer ({path}) is not the store&apos;s key ({expected}), so it cannot record or show them. Nothing was saved. An administrator installs the store&apos;s key: &apos;showroom admin keys import FILE --key personal&apos;.</source>
        <translation>本机用于身份证号和驾驶证号的密钥（{path}）不是本店的密钥（{expected}），因此无法记录或显示这些号码。未保存任何内容。请管理员安装本店的密钥：&apos;showroom admin keys import FILE --key personal&apos;。</translation>
    </message>
    <message>
        <source>This customer bought a car: the sales record must be kept until {until}. Their consents can be withdrawn; the record is anonymised after that date.</source>
        <translation>该客户已购车：销售档案须保存至 {until}。可撤回其同意，档案将于该日期后匿名化。</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}: {reason}. Check the backup folder and the free disk space.</source>
        <translation>无法将备份写入 {path}：{reason}。请检查备份文件夹和磁盘剩余空间。</translation>
    </message>
    <message>
        <source>There is no database file to back up at {path}.</source>
        <translation>{path} 处没有可备份的数据库文件。</translation>
    </message>
    <message>
        <source>The backup failed: {reason}</source>
        <translation>备份失败：{reason}</translation>
    </message>
    <message>
        <source>The restore failed: {reason}</source>
        <translation>恢复失败：{reason}</translation>
    </message>
    <message>
        <source>{path} cannot be restored: it is not a complete Showroom backup. Nothing was changed.</source>
        <translation>无法从 {path} 恢复：它不是完整的 Showroom 备份。未做任何更改。</translation>
    </message>
    <message>
        <source>The backup {path} did not pass its integrity check; it was not kept. Try again.</source>
        <translation>备份 {path} 未通过完整性检查，已丢弃。请重试。</translation>
    </message>
    <message>
        <source>{tool} is not installed on this computer: install the PostgreSQL client programs, or back up on the database server.</source>
        <translation>本机未安装 {tool}：请安装 PostgreSQL 客户端程序，或在数据库服务器上备份。</translation>
    </message>
    <message>
        <source>The database stayed busy and nothing was saved. Please try again.</source>
        <translation>数据库持续繁忙，未保存任何内容。请重试。</translation>
    </message>
    <message>
        <source>Another route already has this name.</source>
        <translation>已有同名路线。</translation>
    </message>
    <message>
        <source>The file is too large (at most {max_mb} MB).</source>
        <translation>文件过大（最多 {max_mb} MB）。</translation>
    </message>
    <message>
        <source>There is no active route to publish.</source>
        <translation>没有可公示的启用路线。</translation>
    </message>
    <message>
        <source>Only a car in the status Test-drive fleet can be registered in the fleet.</source>
        <translation>只有状态为“试驾车”的车辆才能登记为试驾车。</translation>
    </message>
    <message>
        <source>Enter a plate such as 沪A12345 (blue) or 沪AD12345 (green NEV plate).</source>
        <translation>请输入车牌号，如 沪A12345（蓝牌）或 沪AD12345（新能源绿牌）。</translation>
    </message>
    <message>
        <source>Another fleet car already has this plate.</source>
        <translation>该车牌已被另一辆试驾车使用。</translation>
    </message>
    <message>
        <source>This car is already in the fleet register.</source>
        <translation>该车已在试驾车登记中。</translation>
    </message>
    <message>
        <source>Unusual plate letters: please check the plate.</source>
        <translation>车牌字母不常见：请核对车牌。</translation>
    </message>
    <message>
        <source>A new-energy car usually has a green 8-character plate.</source>
        <translation>新能源汽车通常使用8位绿色号牌。</translation>
    </message>
    <message>
        <source>An 8-character green plate is for new-energy cars.</source>
        <translation>8位绿色号牌用于新能源汽车。</translation>
    </message>
    <message>
        <source>The car&apos;s compulsory insurance (交强险) has expired.</source>
        <translation>该车交强险已过期。</translation>
    </message>
    <message>
        <source>The car&apos;s commercial third-party insurance has expired.</source>
        <translation>该车商业第三者责任险已过期。</translation>
    </message>
    <message>
        <source>The car&apos;s annual inspection has expired.</source>
        <translation>该车年检已过期。</translation>
    </message>
    <message>
        <source>The car is overdue for maintenance: have it serviced and enter the next due date first.</source>
        <translation>该车已超过保养期限：请先完成保养并录入下次保养到期日。</translation>
    </message>
    <message>
        <source>The car&apos;s next maintenance due date is not in the fleet register: a sales manager enters it first.</source>
        <translation>试驾车登记中没有该车的下次保养到期日：须先由销售经理录入。</translation>
    </message>
    <message>
        <source>The car&apos;s insurance does not include occupant liability (车上人员责任险).</source>
        <translation>该车保险未含车上人员责任险。</translation>
    </message>
    <message>
        <source>The test-drive signage on the car has not been confirmed.</source>
        <translation>车辆“试乘试驾”标识尚未确认。</translation>
    </message>
    <message>
        <source>This car has been taken out of the test-drive fleet.</source>
        <translation>该车已停止用作试驾车。</translation>
    </message>
    <message>
        <source>This route is no longer active.</source>
        <translation>该路线已停用。</translation>
    </message>
    <message>
        <source>The car is already booked at this time. Choose another time or car.</source>
        <translation>该车此时段已被预约，请选择其他时间或车辆。</translation>
    </message>
    <message>
        <source>The car has no free time in the next 12 hours.</source>
        <translation>该车未来12小时内没有空闲时段。</translation>
    </message>
    <message>
        <source>The car is not free now: its next free time is {start}–{end}. Book that time or another car.</source>
        <translation>该车现在不空闲：下一个空闲时段为 {start}–{end}。请预约该时段或换一辆车。</translation>
    </message>
    <message>
        <source>The customer&apos;s separate consent to processing the ID and licence numbers is needed first.</source>
        <translation>须先取得客户对处理证件号码和驾驶证号的单独同意。</translation>
    </message>
    <message>
        <source>Enter the document number: 5 to 20 letters and digits.</source>
        <translation>请输入证件号码：5至20位字母和数字。</translation>
    </message>
    <message>
        <source>The driver must be at least 18 years old.</source>
        <translation>驾驶人须年满18周岁。</translation>
    </message>
    <message>
        <source>A foreign licence holder needs a temporary driving permit (number and valid-until date).</source>
        <translation>境外驾驶证持有人须持临时机动车驾驶许可（号码及有效期）。</translation>
    </message>
    <message>
        <source>The temporary driving permit has expired.</source>
        <translation>临时驾驶许可已过期。</translation>
    </message>
    <message>
        <source>A Chinese driving licence number is the holder&apos;s ID number; they differ.</source>
        <translation>中国驾驶证号即持证人身份证号，两者不一致。</translation>
    </message>
    <message>
        <source>This licence class does not allow driving a passenger car (C1, C2, A1–A3, B1, B2 do).</source>
        <translation>该准驾车型不能驾驶乘用车（C1、C2、A1–A3、B1、B2 可以）。</translation>
    </message>
    <message>
        <source>A C2 licence allows automatic cars only; this car is manual.</source>
        <translation>C2 驾驶证仅限自动挡，该车为手动挡。</translation>
    </message>
    <message>
        <source>The driving licence has expired.</source>
        <translation>驾驶证已过期。</translation>
    </message>
    <message>
        <source>The customer&apos;s ID and driving licence have not been checked.</source>
        <translation>尚未核验客户的证件和驾驶证。</translation>
    </message>
    <message>
        <source>Choose an active sales consultant or sales manager.</source>
        <translation>请选择在职的销售顾问或销售经理。</translation>
    </message>
    <message>
        <source>The escort&apos;s licence first-issue date is not on record.</source>
        <translation>未登记陪同人员的初次领证日期。</translation>
    </message>
    <message>
        <source>The escort needs at least 3 years since the licence was first issued.</source>
        <translation>陪同人员驾龄须满3年。</translation>
    </message>
    <message>
        <source>The escort is not on duty today.</source>
        <translation>陪同人员今日不在岗。</translation>
    </message>
    <message>
        <source>The escort is out on another test drive.</source>
        <translation>陪同人员正在另一场试驾中。</translation>
    </message>
    <message>
        <source>No escort has been chosen.</source>
        <translation>尚未指定陪同人员。</translation>
    </message>
    <message>
        <source>The agreement is already signed with this escort.</source>
        <translation>协议已与该陪同人员签署。</translation>
    </message>
    <message>
        <source>The customer has not confirmed the route, distance and time.</source>
        <translation>客户尚未确认路线、里程和时间。</translation>
    </message>
    <message>
        <source>The pre-departure check is not complete.</source>
        <translation>出发前检查未完成。</translation>
    </message>
    <message>
        <source>The weather has not been recorded.</source>
        <translation>尚未登记天气。</translation>
    </message>
    <message>
        <source>Test drives are advised against in this weather: a sales manager must override with a reason.</source>
        <translation>此天气不建议试乘试驾：须由销售经理填写理由批准。</translation>
    </message>
    <message>
        <source>The weather recorded needs no override.</source>
        <translation>所登记的天气无需批准。</translation>
    </message>
    <message>
        <source>The customer and the escort must both sign.</source>
        <translation>客户和陪同人员均须签名。</translation>
    </message>
    <message>
        <source>The signed agreement is missing.</source>
        <translation>缺少已签署的协议。</translation>
    </message>
    <message>
        <source>The agreement has been voided; sign a new one.</source>
        <translation>协议已作废，请重新签署。</translation>
    </message>
    <message>
        <source>The booking changed after the agreement was signed; sign a new one.</source>
        <translation>协议签署后预约已变更，请重新签署。</translation>
    </message>
    <message>
        <source>The car is still out on another test drive.</source>
        <translation>该车仍在另一场试驾中。</translation>
    </message>
    <message>
        <source>It is not the booked time of this drive (it may leave up to 30 minutes early).</source>
        <translation>不在预约时段内（最多可提前30分钟出发）。</translation>
    </message>
    <message>
        <source>The odometer cannot be lower than at departure ({odometer_out} km).</source>
        <translation>里程表读数不能低于出发时（{odometer_out} 公里）。</translation>
    </message>
    <message>
        <source>The test drive cannot start yet. Nothing was changed.</source>
        <translation>试驾尚不能开始，未做任何更改。</translation>
    </message>
    <message>
        <source>This test drive has already left, returned or been cancelled.</source>
        <translation>该试驾已出发、已还车或已取消。</translation>
    </message>
    <message>
        <source>This test drive is not out on the road.</source>
        <translation>该试驾不在进行中。</translation>
    </message>
    <message>
        <source>You cannot deactivate your own account. Ask another administrator.</source>
        <translation>不能停用自己的账号。请让另一位管理员操作。</translation>
    </message>
    <message>
        <source>This is the last active administrator. Make someone else an administrator first.</source>
        <translation>这是最后一位在用的管理员。请先把其他人设为管理员。</translation>
    </message>
    <message>
        <source>Another customer on record has this mobile number. Check the number with the customer.</source>
        <translation>该手机号已属于另一位登记在册的客户。请与客户核对号码。</translation>
    </message>
    <message>
        <source>This is what is on record already: nothing to correct.</source>
        <translation>与现有记录相同，无需更正。</translation>
    </message>
    <message>
        <source>This customer&apos;s details were erased when the consent was withdrawn: there is nothing to correct.</source>
        <translation>该客户撤回同意时信息已删除，无可更正内容。</translation>
    </message>
    <message>
        <source>The customer is with this consultant already.</source>
        <translation>该客户已由这位顾问负责。</translation>
    </message>
    <message>
        <source>{number} v{version} was voided ({reason}) and is not reprinted. Open it to save a copy as evidence.</source>
        <translation>{number} v{version} 已作废（{reason}），不予补打。如需留证，可打开后另存副本。</translation>
    </message>
    <message>
        <source>{number} v{version} was replaced by version {current}: reprint that version instead.</source>
        <translation>{number} v{version} 已被第 {current} 版取代：请补打该版本。</translation>
    </message>
    <message>
        <source>The car {vin} has no current card to reprint: issue one first.</source>
        <translation>车辆 {vin} 没有现行车卡可补打：请先出卡。</translation>
    </message>
    <message>
        <source>The card {number} of {vin} is out of date, so it is not reprinted: issue a new version (一车一卡, 4.2.1.2).</source>
        <translation>车辆 {vin} 的车卡 {number} 已过时，不予补打：请出新版车卡（一车一卡，4.2.1.2）。</translation>
    </message>
    <message>
        <source>This price list is published and can no longer change: start a new version.</source>
        <translation>该价目表已公示，不能再修改；请新建一个版本。</translation>
    </message>
    <message>
        <source>A price list cannot take effect before today.</source>
        <translation>价目表的生效日期不能早于今天。</translation>
    </message>
    <message>
        <source>Enter an amount from 0 up to {max_yuan} yuan.</source>
        <translation>请输入 0 至 {max_yuan} 元之间的金额。</translation>
    </message>
    <message>
        <source>A service fee&apos;s code is one of: {codes}.</source>
        <translation>服务收费的编号须为以下之一：{codes}。</translation>
    </message>
    <message>
        <source>A promotion is published with its rules.</source>
        <translation>促销活动须连同活动规则一并公示。</translation>
    </message>
    <message>
        <source>The end of validity is before its start.</source>
        <translation>有效期的结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The code {code} is already on this list.</source>
        <translation>编号 {code} 已在本价目表中。</translation>
    </message>
    <message>
        <source>A price list needs at least one vehicle price.</source>
        <translation>价目表至少须包含一项车辆价格。</translation>
    </message>
    <message>
        <source>The line {item} is incomplete: edit it first.</source>
        <translation>项目 {item} 信息不完整，请先修改。</translation>
    </message>
    <message>
        <source>The promotion {item} ends before the list takes effect: remove it or change its validity.</source>
        <translation>促销活动 {item} 在价目表生效前已结束，请删除或修改其有效期。</translation>
    </message>
    <message>
        <source>This price is not on the list in force.</source>
        <translation>该价格不在现行价目表中。</translation>
    </message>
    <message>
        <source>This car cannot be sold now (status {status}): choose a car in stock or on display.</source>
        <translation>该车辆当前不可销售（状态 {status}）：请选择在库或展示中的车辆。</translation>
    </message>
    <message>
        <source>This is not the deal&apos;s model: {model}.</source>
        <translation>与本交易的车型不符：{model}。</translation>
    </message>
    <message>
        <source>The deal already has a contract: change it by amending the contract.</source>
        <translation>本交易已签订合同：如需变更，请修订合同。</translation>
    </message>
    <message>
        <source>This price list line cannot be used here.</source>
        <translation>该价目表条目不能用于此处。</translation>
    </message>
    <message>
        <source>A quantity is from 1 to {max}.</source>
        <translation>数量应为 1 至 {max}。</translation>
    </message>
    <message>
        <source>The promotion {name} is not valid today.</source>
        <translation>促销活动“{name}”今日不在有效期内。</translation>
    </message>
    <message>
        <source>The service {code} is not on the price list in force, or was chosen twice.</source>
        <translation>服务 {code} 不在现行价目表中，或被重复选择。</translation>
    </message>
    <message>
        <source>Enter the provider the customer chose for the service {code}: the customer is free to choose.</source>
        <translation>请填写客户为服务 {code} 选择的服务提供方：客户可自由选择。</translation>
    </message>
    <message>
        <source>A discount cannot be negative: no surcharge beyond the list.</source>
        <translation>优惠金额不能为负数：不得在公示价格之外加价。</translation>
    </message>
    <message>
        <source>The discount is larger than the priced lines.</source>
        <translation>优惠金额超过了计价项目合计。</translation>
    </message>
    <message>
        <source>The validity date has already passed.</source>
        <translation>有效期已过。</translation>
    </message>
    <message>
        <source>No price list is in force today: publish one first.</source>
        <translation>今日无现行价目表：请先发布价目表。</translation>
    </message>
    <message>
        <source>A newer revision of this quote exists.</source>
        <translation>该销售方案已有更新的版本。</translation>
    </message>
    <message>
        <source>This quote is already signed.</source>
        <translation>该销售方案已签署。</translation>
    </message>
    <message>
        <source>The discount is above the store threshold: a sales manager must approve it first.</source>
        <translation>优惠超过门店审批额度：须先由销售经理批准。</translation>
    </message>
    <message>
        <source>The quote is no longer valid: save a new revision.</source>
        <translation>该销售方案已过有效期：请保存新版本。</translation>
    </message>
    <message>
        <source>The customer must sign the quote.</source>
        <translation>销售方案须由客户签字。</translation>
    </message>
    <message>
        <source>There is nothing to disclose about this car.</source>
        <translation>该车辆没有需要告知的事项。</translation>
    </message>
    <message>
        <source>Choose who follows the disclosure up.</source>
        <translation>请选择告知事项的跟进人。</translation>
    </message>
    <message>
        <source>The customer and the sales consultant must both sign the disclosure.</source>
        <translation>告知书须由客户和销售顾问双方签字。</translation>
    </message>
    <message>
        <source>This lead is marked lost: follow it up again on the leads page before opening a deal.</source>
        <translation>该意向已标记为战败：请先在意向页面重新跟进，再开立交易。</translation>
    </message>
    <message>
        <source>This lead has already been sold: open a new lead for a new purchase.</source>
        <translation>该意向已成交：如客户再次购车，请新建意向。</translation>
    </message>
    <message>
        <source>The car&apos;s record changed while the disclosure was being signed: sign it again.</source>
        <translation>签署告知书期间车辆记录发生了变化：请重新签署。</translation>
    </message>
    <message>
        <source>This is another consultant&apos;s customer: ask a sales manager.</source>
        <translation>这是其他顾问的客户：请联系销售经理。</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <source>That amount is not plausible: at most {max}.</source>
        <translation>金额不合常理：最多 {max}。</translation>
    </message>
    <message>
        <source>Choose how the money was paid.</source>
        <translation>请选择付款方式。</translation>
    </message>
    <message>
        <source>Choose what the payment is for.</source>
        <translation>请选择款项类别。</translation>
    </message>
    <message>
        <source>The contract is {status}: no money is taken against it (a refund is requested instead).</source>
        <translation>合同状态为 {status}：不能再收款（如需退款请提交退款申请）。</translation>
    </message>
    <message>
        <source>More than the open balance of {open}.</source>
        <translation>超出未付余额 {open}。</translation>
    </message>
    <message>
        <source>The contract agreed no earnest money (定金): record it as an advance payment (订金) or down payment.</source>
        <translation>合同未约定定金：请按订金或首付款登记。</translation>
    </message>
    <message>
        <source>Beyond the earnest money (定金) the contract agreed: at most {left} more.</source>
        <translation>超出合同约定的定金：最多还可收 {left}。</translation>
    </message>
    <message>
        <source>Beyond the agency services the customer opted into ({fees} in all).</source>
        <translation>超出客户选择的代办服务费用（合计 {fees}）。</translation>
    </message>
    <message>
        <source>More than was paid (net of refunds paid or waiting): at most {left}.</source>
        <translation>超出已付金额（扣除已退及待退款项）：最多 {left}。</translation>
    </message>
    <message>
        <source>Say why the refund is rejected.</source>
        <translation>请填写驳回退款的原因。</translation>
    </message>
    <message>
        <source>This refund was already decided ({status}).</source>
        <translation>该退款申请已处理（{status}）。</translation>
    </message>
    <message>
        <source>You asked for this refund yourself: another sales manager decides it.</source>
        <translation>此退款由您本人申请：须由另一位销售经理审批。</translation>
    </message>
    <message>
        <source>This refund is {status}: only a refund a sales manager approved is paid.</source>
        <translation>该退款状态为 {status}：只有经销售经理批准的退款才能支付。</translation>
    </message>
    <message>
        <source>An invoice number is 8 to 20 digits.</source>
        <translation>发票号码为 8 至 20 位数字。</translation>
    </message>
    <message>
        <source>This invoice number is already recorded on another contract.</source>
        <translation>该发票号码已登记在另一份合同上。</translation>
    </message>
    <message>
        <source>The invoice date cannot be in the future.</source>
        <translation>开票日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The invoice date is before the contract was signed.</source>
        <translation>开票日期早于合同签订日期。</translation>
    </message>
    <message>
        <source>{open} is still open: the statement is issued once the balance is paid or covered by a loan.</source>
        <translation>尚有 {open} 未付：余款付清或由贷款覆盖后才能出具结算单。</translation>
    </message>
    <message>
        <source>The customer and finance both sign the statement.</source>
        <translation>结算单须由客户和财务双方签字。</translation>
    </message>
    <message>
        <source>The last day must not be before the first, and the report covers at most {max} days.</source>
        <translation>结束日期不能早于开始日期，报表最多覆盖 {max} 天。</translation>
    </message>
    <message>
        <source>This car has already been handed over.</source>
        <translation>该车已交付。</translation>
    </message>
    <message>
        <source>The contract is cancelled or terminated: there is nothing to deliver.</source>
        <translation>合同已取消或解除，无车可交付。</translation>
    </message>
    <message>
        <source>The car needs a passed PDI on the current checklist before delivery (4.4.1).</source>
        <translation>交车前该车须按现行检查表通过PDI检查（4.4.1）。</translation>
    </message>
    <message>
        <source>The signed PDI report is missing: issue it before delivery (4.4.1.4).</source>
        <translation>缺少已签署的PDI报告：请在交车前出具（4.4.1.4）。</translation>
    </message>
    <message>
        <source>The PDI checklist for this brand is not approved: no car passes it.</source>
        <translation>该品牌的PDI检查表未经批准，任何车辆均不能通过。</translation>
    </message>
    <message>
        <source>The car in stock is not the contract&apos;s car.</source>
        <translation>库存车辆不是合同约定的车辆。</translation>
    </message>
    <message>
        <source>The car is not sold under this contract (its status is {status}): it cannot be delivered.</source>
        <translation>该车辆不是本合同项下的已售车辆（当前状态：{status}），不能交付。</translation>
    </message>
    <message>
        <source>The car&apos;s configuration differs from the contract&apos;s.</source>
        <translation>车辆配置与合同约定不一致。</translation>
    </message>
    <message>
        <source>The balance is not settled: ¥{open} still to pay.</source>
        <translation>尾款未结清：尚欠 ¥{open}。</translation>
    </message>
    <message>
        <source>Finance has not recorded the vehicle sales invoice yet.</source>
        <translation>财务尚未登记机动车销售统一发票。</translation>
    </message>
    <message>
        <source>Enter the number of the ID document shown.</source>
        <translation>请输入所出示证件的号码。</translation>
    </message>
    <message>
        <source>This ID is neither the buyer&apos;s on the contract nor the agent&apos;s.</source>
        <translation>该证件既不是合同买受人的，也不是代理人的。</translation>
    </message>
    <message>
        <source>The VIN read off the car is not the contract&apos;s.</source>
        <translation>车上读取的车辆识别代号与合同不一致。</translation>
    </message>
    <message>
        <source>Tick this document as handed over.</source>
        <translation>请勾选此文件已交付。</translation>
    </message>
    <message>
        <source>Enter this document&apos;s number.</source>
        <translation>请输入此文件的编号。</translation>
    </message>
    <message>
        <source>The number differs from the records ({expected}).</source>
        <translation>编号与记录不符（{expected}）。</translation>
    </message>
    <message>
        <source>Tick every gift and promise of the contract.</source>
        <translation>请逐项勾选合同约定的赠品和承诺。</translation>
    </message>
    <message>
        <source>Tick every on-board item.</source>
        <translation>请逐项勾选随车物品。</translation>
    </message>
    <message>
        <source>Explain and tick every point.</source>
        <translation>请逐项讲解并勾选。</translation>
    </message>
    <message>
        <source>Enter the odometer reading.</source>
        <translation>请输入里程表读数。</translation>
    </message>
    <message>
        <source>The odometer reading cannot be negative.</source>
        <translation>里程表读数不能为负数。</translation>
    </message>
    <message>
        <source>The contract allows at most {max} km on delivery.</source>
        <translation>合同约定交车里程不超过 {max} 公里。</translation>
    </message>
    <message>
        <source>The customer and the consultant both sign the handover record.</source>
        <translation>客户和销售顾问均须在交车确认单上签名。</translation>
    </message>
    <message>
        <source>Choose a time in the future.</source>
        <translation>请选择将来的时间。</translation>
    </message>
    <message>
        <source>Enter a number of days from 1 to {max}.</source>
        <translation>请输入 1 到 {max} 之间的天数。</translation>
    </message>
    <message>
        <source>Say why the customer is not satisfied.</source>
        <translation>请说明客户不满意的原因。</translation>
    </message>
    <message>
        <source>Choose an active member of staff with the customer care role.</source>
        <translation>请选择一位在职且具有客服角色的员工。</translation>
    </message>
    <message>
        <source>This task is already closed.</source>
        <translation>此任务已关闭。</translation>
    </message>
    <message>
        <source>Record the apology first (5.2.8).</source>
        <translation>请先记录致歉（5.2.8）。</translation>
    </message>
    <message>
        <source>Say how the store apologised (at most {max} characters).</source>
        <translation>请说明本店如何致歉（最多 {max} 个字）。</translation>
    </message>
    <message>
        <source>Enter a value above zero and at most ¥{max}.</source>
        <translation>请输入大于零且不超过 ¥{max} 的金额。</translation>
    </message>
    <message>
        <source>No compensation has no value.</source>
        <translation>选择“无”补偿时不能填写金额。</translation>
    </message>
    <message>
        <source>The case is not at this step any more: reload it.</source>
        <translation>该案例已不在此步骤，请重新加载。</translation>
    </message>
    <message>
        <source>This answer is not one the questionnaire offers.</source>
        <translation>此答案不在问卷提供的选项中。</translation>
    </message>
    <message>
        <source>Choose one of the answers offered ({min}–{max}).</source>
        <translation>请选择问卷提供的答案（{min}–{max}）。</translation>
    </message>
    <message>
        <source>Answer this question.</source>
        <translation>请回答此问题。</translation>
    </message>
    <message>
        <source>This question is not on the questionnaire.</source>
        <translation>问卷中没有此问题。</translation>
    </message>
    <message>
        <source>This deal is not this customer&apos;s.</source>
        <translation>此订单不属于该客户。</translation>
    </message>
    <message>
        <source>The questionnaire is not valid.</source>
        <translation>问卷无效。</translation>
    </message>
    <message>
        <source>Choose an active consultant or sales manager to handle the complaint.</source>
        <translation>请选择一位在职的销售顾问或销售经理处理该投诉。</translation>
    </message>
    <message>
        <source>No car in the inventory has this VIN.</source>
        <translation>库存中没有该车架号的车辆。</translation>
    </message>
    <message>
        <source>No contract has this number.</source>
        <translation>没有该编号的合同。</translation>
    </message>
    <message>
        <source>A complaint cannot have been made in the future.</source>
        <translation>投诉时间不能晚于当前时间。</translation>
    </message>
    <message>
        <source>A complaint is closed only with its result.</source>
        <translation>结案须填写处理结果。</translation>
    </message>
    <message>
        <source>Record whether the customer confirms or refuses the result.</source>
        <translation>请记录客户是否认可处理结果。</translation>
    </message>
    <message>
        <source>Write down what the customer said in refusing.</source>
        <translation>请记录客户不认可时的原话。</translation>
    </message>
    <message>
        <source>Complaint {number} is closed: nothing more is added to it.</source>
        <translation>投诉 {number} 已结案，不能再添加内容。</translation>
    </message>
    <message>
        <source>No complaint has this number with these mobile digits. Check the receipt.</source>
        <translation>没有与该编号和手机尾号相符的投诉，请核对回执。</translation>
    </message>
    <message>
        <source>Enter the last 4 digits of the mobile.</source>
        <translation>请输入手机号后4位。</translation>
    </message>
    <message>
        <source>Keep PDF, JPEG, PNG, text or audio files only.</source>
        <translation>仅可存档 PDF、JPEG、PNG、文本或音频文件。</translation>
    </message>
    <message>
        <source>A file may be up to {max_mb} MB.</source>
        <translation>单个文件不得超过 {max_mb} MB。</translation>
    </message>
    <message>
        <source>This stored file no longer matches its fingerprint. Tell the administrator.</source>
        <translation>该存档文件与其指纹不符，请通知管理员。</translation>
    </message>
    <message>
        <source>The holiday calendar already knows {year}.</source>
        <translation>节假日日历已包含 {year} 年。</translation>
    </message>
    <message>
        <source>Unknown store detail in braces: {names}. Use {{legal_name}}, {{address}}, {{sales_hotline}}, {{complaint_phone}} or {{website}}.</source>
        <translation>大括号中的门店信息无法识别：{names}。可用 {{legal_name}}、{{address}}、{{sales_hotline}}、{{complaint_phone}} 或 {{website}}。</translation>
    </message>
    <message>
        <source>A notice cannot take effect before today.</source>
        <translation>公示的生效日期不能早于今天。</translation>
    </message>
    <message>
        <source>Choose one of the eight KPIs of 5.2.1.</source>
        <translation>请选择 5.2.1 规定的八项指标之一。</translation>
    </message>
    <message>
        <source>Enter a target from {min} % to {max} %.</source>
        <translation>请输入 {min} % 至 {max} % 之间的目标值。</translation>
    </message>
    <message>
        <source>Say why the target changes.</source>
        <translation>请说明调整目标的原因。</translation>
    </message>
    <message>
        <source>A new target cannot take effect before today: a past period keeps its verdict.</source>
        <translation>新目标的生效日期不能早于今天：已过去的期间保持原有的考核结论。</translation>
    </message>
</context>
<context>
    <name>EscortForm</name>
    <message>
        <source>Only staff on duty today with at least 3 years since their licence was first issued are listed (T/CSCA 120031 4.2.4.4).</source>
        <translation>仅列出今日在岗且驾龄满3年的员工（T/CSCA 120031 4.2.4.4）。</translation>
    </message>
    <message>
        <source>Assign escort</source>
        <translation>指定陪同人员</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>陪同人员</translation>
    </message>
</context>
<context>
    <name>EvidenceButton</name>
    <message>
        <source>Evidence pack…</source>
        <translation>证据包…</translation>
    </message>
    <message>
        <source>Build the certification evidence pack of this period (T/CSCA 120031 ch. 6): clause index, KPI workbook, sample of signed documents, registers and audit log</source>
        <translation>生成本期间的认证审核证据包（T/CSCA 120031 第6章）：条款索引、KPI 工作簿、已签署文件抽样、登记册及审计日志</translation>
    </message>
    <message>
        <source>Save the evidence pack</source>
        <translation>保存证据包</translation>
    </message>
    <message>
        <source>ZIP archive (*.zip)</source>
        <translation>ZIP 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Building the evidence pack…</source>
        <translation>正在生成证据包…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Evidence pack</source>
        <translation>证据包</translation>
    </message>
    <message>
        <source>Reading the registers and qualifications…</source>
        <translation>正在读取登记册和资质…</translation>
    </message>
    <message>
        <source>Generating the clause index from the code…</source>
        <translation>正在根据程序代码生成条款索引…</translation>
    </message>
    <message>
        <source>Computing the KPI figures…</source>
        <translation>正在计算 KPI 指标…</translation>
    </message>
    <message>
        <source>Writing the KPI workbook…</source>
        <translation>正在生成 KPI 工作簿…</translation>
    </message>
    <message>
        <source>Drawing the sample of signed documents…</source>
        <translation>正在抽取已签署文件样本…</translation>
    </message>
    <message>
        <source>Reading the closed complaints…</source>
        <translation>正在读取已结案的投诉…</translation>
    </message>
    <message>
        <source>Extracting the audit log and checking its chain…</source>
        <translation>正在导出审计日志并校验其哈希链…</translation>
    </message>
    <message>
        <source>Writing the ZIP file…</source>
        <translation>正在写入 ZIP 文件…</translation>
    </message>
    <message>
        <source>The evidence pack of {period} is saved as:
{path}

{files} files; seed {seed}.</source>
        <translation>{period} 的证据包已保存为：
{path}

共 {files} 个文件；抽样种子 {seed}。</translation>
    </message>
</context>
<context>
    <name>ExportCertificateDialog</name>
    <message>
        <source>Export the signing certificate</source>
        <translation>导出签名证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The file contains the store&apos;s private signing key. Keep it and its password in a safe place, separately.</source>
        <translation>该文件包含门店的签名私钥。请将文件与密码分开妥善保管。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the certificate as</source>
        <translation>证书另存为</translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx)</source>
        <translation>PKCS#12 文件 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>请选择文件。</translation>
    </message>
</context>
<context>
    <name>FinanceModels</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Receipt no.</source>
        <translation>收据编号</translation>
    </message>
    <message>
        <source>Contract no.</source>
        <translation>合同编号</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>付款人</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买受人</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应付</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付</translation>
    </message>
    <message>
        <source>Loan</source>
        <translation>贷款</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未付</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Waiting for a manager</source>
        <translation>待经理审批</translation>
    </message>
    <message>
        <source>Approved: to pay</source>
        <translation>已批准，待支付</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
</context>
<context>
    <name>FinancePage</name>
    <message>
        <source>Show settled contracts</source>
        <translation>显示已结清合同</translation>
    </message>
    <message>
        <source>No money received or refunded on this day.</source>
        <translation>当日没有收款或退款。</translation>
    </message>
    <message>
        <source>No contract has money open.</source>
        <translation>没有待收款的合同。</translation>
    </message>
    <message>
        <source>No refund is waiting.</source>
        <translation>没有待处理的退款。</translation>
    </message>
    <message>
        <source>Record payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>登记发票</translation>
    </message>
    <message>
        <source>Settlement</source>
        <translation>结算单</translation>
    </message>
    <message>
        <source>Refund request</source>
        <translation>退款申请</translation>
    </message>
    <message>
        <source>Approve refund</source>
        <translation>批准退款</translation>
    </message>
    <message>
        <source>Reject refund</source>
        <translation>驳回退款</translation>
    </message>
    <message>
        <source>Pay refund</source>
        <translation>支付退款</translation>
    </message>
    <message>
        <source>Export cash report</source>
        <translation>导出收款报表</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Contracts with an open balance</source>
        <translation>未结清合同</translation>
    </message>
    <message>
        <source>Refunds waiting</source>
        <translation>待处理退款</translation>
    </message>
    <message>
        <source>Choose a contract above to see its payments.</source>
        <translation>在上方选择一份合同，查看其收付款记录。</translation>
    </message>
    <message>
        <source>No payment on this contract yet.</source>
        <translation>此合同尚无收款。</translation>
    </message>
    <message>
        <source>invoice {number} of {date}</source>
        <translation>发票 {number}（{date}）</translation>
    </message>
    <message>
        <source>no invoice recorded</source>
        <translation>尚未登记发票</translation>
    </message>
    <message>
        <source>{contract}: paid {paid} of {due} · {invoice}</source>
        <translation>{contract}：应付 {due}，已付 {paid} · {invoice}</translation>
    </message>
    <message>
        <source>Received {received} · Refunded {refunded}</source>
        <translation>收款 {received} · 退款 {refunded}</translation>
    </message>
    <message>
        <source>Settlement statement {number} issued.</source>
        <translation>结算单 {number} 已出具。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cash report exported to {path}</source>
        <translation>收款报表已导出至 {path}</translation>
    </message>
    <message>
        <source>Settlement statement {number}</source>
        <translation>结算单 {number}</translation>
    </message>
</context>
<context>
    <name>FleetCarDialog</name>
    <message>
        <source>Test-drive car</source>
        <translation>试驾车</translation>
    </message>
    <message>
        <source>Includes occupant liability (车上人员责任险)</source>
        <translation>含车上人员责任险</translation>
    </message>
    <message>
        <source>试乘试驾 signage on the car confirmed</source>
        <translation>已确认车辆张贴“试乘试驾”标识</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Transmission</source>
        <translation>变速箱</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>注册登记日期</translation>
    </message>
    <message>
        <source>Compulsory insurance until</source>
        <translation>交强险到期日</translation>
    </message>
    <message>
        <source>Commercial insurance until</source>
        <translation>商业三者险到期日</translation>
    </message>
    <message>
        <source>Annual inspection until</source>
        <translation>年检有效期至</translation>
    </message>
    <message>
        <source>Last maintenance</source>
        <translation>最近保养</translation>
    </message>
    <message>
        <source>Next maintenance due</source>
        <translation>下次保养到期</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand over {car} ({number})</source>
        <translation>交车：{car}（{number}）</translation>
    </message>
    <message>
        <source>Complete handover</source>
        <translation>完成交车</translation>
    </message>
    <message>
        <source>Schedule delivery</source>
        <translation>预约交车</translation>
    </message>
    <message>
        <source>Delivery appointment</source>
        <translation>交车预约</translation>
    </message>
    <message>
        <source>Customer signs…</source>
        <translation>客户签名…</translation>
    </message>
    <message>
        <source>Consultant signs…</source>
        <translation>销售顾问签名…</translation>
    </message>
    <message>
        <source>Signatures</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Booked for {at}</source>
        <translation>已预约：{at}</translation>
    </message>
    <message>
        <source>No appointment yet</source>
        <translation>尚未预约</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Signed by: {who}</source>
        <translation>已签名：{who}</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>尚未签名</translation>
    </message>
    <message>
        <source>Handover of {vin}</source>
        <translation>车辆 {vin} 交车</translation>
    </message>
</context>
<context>
    <name>HandoverForm</name>
    <message>
        <source>Certificate of conformity (合格证)</source>
        <translation>机动车整车出厂合格证</translation>
    </message>
    <message>
        <source>Vehicle conformity certificate (一致性证书)</source>
        <translation>车辆一致性证书</translation>
    </message>
    <message>
        <source>Owner&apos;s manual in Chinese</source>
        <translation>中文使用说明书</translation>
    </message>
    <message>
        <source>Warranty manual</source>
        <translation>保修手册</translation>
    </message>
    <message>
        <source>三包 warranty certificate</source>
        <translation>三包凭证</translation>
    </message>
    <message>
        <source>Vehicle sales invoice</source>
        <translation>机动车销售统一发票</translation>
    </message>
    <message>
        <source>Imported vehicle inspection sheet</source>
        <translation>进口机动车辆随车检验单</translation>
    </message>
    <message>
        <source>Certificate of import</source>
        <translation>货物进口证明书</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>车钥匙</translation>
    </message>
    <message>
        <source>Spare wheel or repair kit</source>
        <translation>备胎或补胎工具</translation>
    </message>
    <message>
        <source>On-board tools</source>
        <translation>随车工具</translation>
    </message>
    <message>
        <source>Warning triangle</source>
        <translation>三角警示牌</translation>
    </message>
    <message>
        <source>Charging cable</source>
        <translation>随车充电线</translation>
    </message>
    <message>
        <source>Operating the car and its functions</source>
        <translation>车辆操作与功能使用</translation>
    </message>
    <message>
        <source>Warranty terms and maintenance</source>
        <translation>保修条款与保养要求</translation>
    </message>
    <message>
        <source>三包 and repair-warranty periods, factor n</source>
        <translation>三包有效期、包修期及使用补偿系数n</translation>
    </message>
    <message>
        <source>How to find the repairers</source>
        <translation>修理者的名称、地址和联系方式</translation>
    </message>
    <message>
        <source>Safety notes</source>
        <translation>安全注意事项</translation>
    </message>
    <message>
        <source>On-board items</source>
        <translation>随车物品</translation>
    </message>
    <message>
        <source>Explained to the customer</source>
        <translation>向客户讲解的事项</translation>
    </message>
    <message>
        <source>Not ready to hand over yet:</source>
        <translation>尚不能交车：</translation>
    </message>
    <message>
        <source>Customer and car</source>
        <translation>客户与车辆</translation>
    </message>
    <message>
        <source>{name} ({id})</source>
        <translation>{name}（{id}）</translation>
    </message>
    <message>
        <source>agent: {name}</source>
        <translation>代理人：{name}</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买受人</translation>
    </message>
    <message>
        <source>Number of the ID shown by the buyer or the agent</source>
        <translation>买受人或代理人出示的证件号码</translation>
    </message>
    <message>
        <source>ID shown</source>
        <translation>出示的证件</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Read it off the car</source>
        <translation>从车上读取</translation>
    </message>
    <message>
        <source>VIN on the car</source>
        <translation>车上的车辆识别代号</translation>
    </message>
    <message>
        <source>Odometer (at most {max} km)</source>
        <translation>交车里程（不超过 {max} 公里）</translation>
    </message>
    <message>
        <source>Documents handed over (办法 art. 16)</source>
        <translation>随车文件（《汽车销售管理办法》第十六条）</translation>
    </message>
    <message>
        <source>printed with this handover</source>
        <translation>随本次交车打印</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Gifts and promises of the contract</source>
        <translation>合同约定的赠品和承诺</translation>
    </message>
    <message>
        <source>Gift: {item}</source>
        <translation>赠品：{item}</translation>
    </message>
    <message>
        <source>Promise: {item}</source>
        <translation>承诺：{item}</translation>
    </message>
</context>
<context>
    <name>ImportCertificateDialog</name>
    <message>
        <source>Import a signing certificate</source>
        <translation>导入签名证书</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>The imported certificate becomes active and signs new documents. It must contain the private key and be valid.</source>
        <translation>导入的证书将被启用，用于签署新文件。文件必须包含私钥且在有效期内。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Choose a PKCS#12 file</source>
        <translation>选择 PKCS#12 文件</translation>
    </message>
    <message>
        <source>PKCS#12 files (*.p12 *.pfx);;All files (*)</source>
        <translation>PKCS#12 文件 (*.p12 *.pfx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a file.</source>
        <translation>请选择文件。</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
</context>
<context>
    <name>ImportExportBar</name>
    <message>
        <source>Cancel import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Import vehicles</source>
        <translation>导入车辆</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>电子表格 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (*.csv)</source>
        <translation>CSV，UTF-8 (*.csv)</translation>
    </message>
    <message>
        <source>Export vehicles</source>
        <translation>导出车辆</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation>正在导出到 {file}…</translation>
    </message>
    <message>
        <source>Export finished. Vehicles: {count}
File: {file}</source>
        <translation>导出完成。车辆数：{count}
文件：{file}</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing was imported.</source>
        <translation>导入已取消，未导入任何数据。</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>库存车辆</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <source>{rejected} of {total} rows were not imported. Correct them in the file and import it again: rows already imported are recognised by their VIN.</source>
        <translation>共 {total} 行，其中 {rejected} 行未导入。请在文件中更正后重新导入：已导入的行会按 VIN 识别，不会重复。</translation>
    </message>
    <message>
        <source>All {total} rows were read without errors.</source>
        <translation>全部 {total} 行均已读取，无错误。</translation>
    </message>
    <message>
        <source>New vehicles</source>
        <translation>新增车辆</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变化</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Status: a car cannot move from “{current}” to “{target}”; from “{current}” it may go to: {allowed}.</source>
        <translation>状态：车辆不能从“{current}”改为“{target}”；处于“{current}”时只能改为：{allowed}。</translation>
    </message>
    <message>
        <source>These columns are not known and were ignored: {columns}</source>
        <translation>以下列无法识别，已忽略：{columns}</translation>
    </message>
    <message>
        <source>The file has a header row but no vehicles.</source>
        <translation>文件只有表头，没有车辆数据。</translation>
    </message>
</context>
<context>
    <name>InventoryPage</name>
    <message>
        <source>Search VIN (last digits), brand, model or colour</source>
        <translation>搜索 VIN（末几位）、品牌、车型或颜色</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Change status…</source>
        <translation>变更状态…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>No vehicle matches the search.</source>
        <translation>没有符合条件的车辆。</translation>
    </message>
    <message>
        <source>Vehicles: {count}</source>
        <translation>车辆数：{count}</translation>
    </message>
</context>
<context>
    <name>InvoiceDialog</name>
    <message>
        <source>Record invoice</source>
        <translation>登记发票</translation>
    </message>
    <message>
        <source>8 to 20 digits</source>
        <translation>8 至 20 位数字</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <source>Invoice date</source>
        <translation>开票日期</translation>
    </message>
</context>
<context>
    <name>KpiDashboard</name>
    <message>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <source>Near</source>
        <translation>接近</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>No figure</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Target {sign} {value}</source>
        <translation>目标 {sign} {value}</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>(no brand)</source>
        <translation>（无品牌）</translation>
    </message>
    <message>
        <source>(no consultant)</source>
        <translation>（无顾问）</translation>
    </message>
    <message>
        <source>{code}: {numerator} ÷ {denominator}</source>
        <translation>{code}：{numerator} ÷ {denominator}</translation>
    </message>
    <message>
        <source>{n} pick-ups still within 72 h</source>
        <translation>{n} 位提车顾客仍在 72 小时内</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>意向</translation>
    </message>
    <message>
        <source>Test drive</source>
        <translation>试乘试驾</translation>
    </message>
    <message>
        <source>Delivery call</source>
        <translation>交付回访</translation>
    </message>
    <message>
        <source>Follow-up answer sheet</source>
        <translation>回访答卷</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>{name} · {period}</source>
        <translation>{name} · {period}</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>打开记录</translation>
    </message>
    <message>
        <source>{code} {name}: {numerator} / {denominator} = {value} ({target})</source>
        <translation>{code} {name}：{numerator} / {denominator} = {value}（{target}）</translation>
    </message>
    <message>
        <source>No records counted here in this period.</source>
        <translation>本期间此处没有计入的记录。</translation>
    </message>
    <message>
        <source>{record} {reference} has no page open to you here.</source>
        <translation>{record} {reference} 在此没有您可打开的页面。</translation>
    </message>
    <message>
        <source>{name}: {first} to {last}</source>
        <translation>{name}：{first} 至 {last}</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
</context>
<context>
    <name>KpiDashboardPage</name>
    <message>
        <source>Filter by name</source>
        <translation>按姓名筛选</translation>
    </message>
    <message>
        <source>No figures for anyone in this period.</source>
        <translation>本期间无人有数据。</translation>
    </message>
    <message>
        <source>Targets…</source>
        <translation>目标…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>{period} · as of {when}</source>
        <translation>{period} · 截至 {when}</translation>
    </message>
    <message>
        <source>The figures could not be loaded.</source>
        <translation>指标无法加载。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Reception</source>
        <translation>前台接待</translation>
    </message>
    <message>
        <source>Sales consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Sales manager</source>
        <translation>销售经理</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>PDI technician</source>
        <translation>PDI 技师</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <source>Customer care</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Petrol/diesel (ICE)</source>
        <translation>燃油车（ICE）</translation>
    </message>
    <message>
        <source>Hybrid (HEV)</source>
        <translation>油电混动（HEV）</translation>
    </message>
    <message>
        <source>Plug-in hybrid (PHEV)</source>
        <translation>插电混动（PHEV）</translation>
    </message>
    <message>
        <source>Battery electric (BEV)</source>
        <translation>纯电动（BEV）</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>在途</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>On display</source>
        <translation>展车</translation>
    </message>
    <message>
        <source>Test-drive fleet</source>
        <translation>试乘试驾车</translation>
    </message>
    <message>
        <source>Reserved</source>
        <translation>已预订</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <source>Quoting</source>
        <translation>报价中</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>已签合同</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>Ready to deliver</source>
        <translation>待交车</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签订</translation>
    </message>
    <message>
        <source>Fulfilled</source>
        <translation>已履行</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>已解除</translation>
    </message>
    <message>
        <source>Earnest money (定金)</source>
        <translation>定金</translation>
    </message>
    <message>
        <source>Advance payment (订金)</source>
        <translation>订金</translation>
    </message>
    <message>
        <source>Down payment</source>
        <translation>首付款</translation>
    </message>
    <message>
        <source>Final payment</source>
        <translation>尾款</translation>
    </message>
    <message>
        <source>Agency service fee</source>
        <translation>代办服务费</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已申请</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Store notice</source>
        <translation>门店公示信息</translation>
    </message>
    <message>
        <source>Test-drive agreement</source>
        <translation>试乘试驾协议</translation>
    </message>
    <message>
        <source>PDI report</source>
        <translation>PDI 检查报告</translation>
    </message>
    <message>
        <source>Vehicle card</source>
        <translation>车辆信息卡</translation>
    </message>
    <message>
        <source>Price list notice</source>
        <translation>价格公示</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>报价单</translation>
    </message>
    <message>
        <source>Disclosure</source>
        <translation>告知书</translation>
    </message>
    <message>
        <source>Sales contract</source>
        <translation>购车合同</translation>
    </message>
    <message>
        <source>Special terms</source>
        <translation>特别约定</translation>
    </message>
    <message>
        <source>Entrustment agreement</source>
        <translation>委托服务协议</translation>
    </message>
    <message>
        <source>Payment receipt</source>
        <translation>收款凭证</translation>
    </message>
    <message>
        <source>Settlement statement</source>
        <translation>结算单</translation>
    </message>
    <message>
        <source>Handover record</source>
        <translation>交车确认书</translation>
    </message>
    <message>
        <source>三包 warranty certificate</source>
        <translation>三包凭证</translation>
    </message>
    <message>
        <source>Chinese and English</source>
        <translation>中英双语</translation>
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
        <source>Valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>补打</translation>
    </message>
    <message>
        <source>Saved as file</source>
        <translation>另存为文件</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>自然到店</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>邀约</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>再次到店</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候中</translation>
    </message>
    <message>
        <source>With consultant</source>
        <translation>接待中</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>Information only</source>
        <translation>仅咨询</translation>
    </message>
    <message>
        <source>Quote given</source>
        <translation>已报价</translation>
    </message>
    <message>
        <source>Test drive</source>
        <translation>试乘试驾</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>成交订单</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>离店</translation>
    </message>
    <message>
        <source>Not ended</source>
        <translation>未结束</translation>
    </message>
    <message>
        <source>H – hot</source>
        <translation>H 级（热）</translation>
    </message>
    <message>
        <source>A – strong</source>
        <translation>A 级（高）</translation>
    </message>
    <message>
        <source>B – medium</source>
        <translation>B 级（中）</translation>
    </message>
    <message>
        <source>C – weak</source>
        <translation>C 级（低）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Following up</source>
        <translation>跟进中</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>已成交</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>战败</translation>
    </message>
    <message>
        <source>Bought another brand</source>
        <translation>已购其他品牌</translation>
    </message>
    <message>
        <source>Bought from another dealer</source>
        <translation>已在其他经销商购买</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Purchase postponed</source>
        <translation>暂缓购车</translation>
    </message>
    <message>
        <source>Cannot be reached</source>
        <translation>无法联系</translation>
    </message>
    <message>
        <source>Consent withdrawn</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>轮流接待</translation>
    </message>
    <message>
        <source>Own consultant</source>
        <translation>原顾问</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>人工指派</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>已预约</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到店</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未到店</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>洽谈</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交车</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>With a visitor</source>
        <translation>接待中</translation>
    </message>
    <message>
        <source>Away</source>
        <translation>离岗</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>不在岗</translation>
    </message>
    <message>
        <source>price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>guide price</source>
        <translation>指导价</translation>
    </message>
    <message>
        <source>promotion</source>
        <translation>促销</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>performance</source>
        <translation>性能</translation>
    </message>
    <message>
        <source>disclosure</source>
        <translation>披露信息</translation>
    </message>
    <message>
        <source>model details</source>
        <translation>车型信息</translation>
    </message>
    <message>
        <source>charging pile offer</source>
        <translation>充电桩服务</translation>
    </message>
    <message>
        <source>store phones</source>
        <translation>门店电话</translation>
    </message>
    <message>
        <source>card details</source>
        <translation>信息卡内容</translation>
    </message>
    <message>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A4, two per page</source>
        <translation>A4 每页两张</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>配置版本</translation>
    </message>
    <message>
        <source>Model year</source>
        <translation>年款</translation>
    </message>
    <message>
        <source>Exterior colour</source>
        <translation>车身颜色</translation>
    </message>
    <message>
        <source>Interior colour</source>
        <translation>内饰颜色</translation>
    </message>
    <message>
        <source>Powertrain</source>
        <translation>动力类型</translation>
    </message>
    <message>
        <source>Guide price</source>
        <translation>厂商指导价</translation>
    </message>
    <message>
        <source>Selling price</source>
        <translation>销售价</translation>
    </message>
    <message>
        <source>Production date</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Key configuration</source>
        <translation>主要配置</translation>
    </message>
    <message>
        <source>Power (kW)</source>
        <translation>功率（kW）</translation>
    </message>
    <message>
        <source>0-100 km/h (s)</source>
        <translation>0-100 km/h 加速（秒）</translation>
    </message>
    <message>
        <source>Fuel (L/100 km)</source>
        <translation>油耗（L/100 km）</translation>
    </message>
    <message>
        <source>CLTC range (km)</source>
        <translation>CLTC 续航（km）</translation>
    </message>
    <message>
        <source>Battery (kWh)</source>
        <translation>电池容量（kWh）</translation>
    </message>
    <message>
        <source>Fast charge (min)</source>
        <translation>快充时间（分钟）</translation>
    </message>
    <message>
        <source>Slow charge (h)</source>
        <translation>慢充时间（小时）</translation>
    </message>
    <message>
        <source>Defects</source>
        <translation>瑕疵</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>维修记录</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Sales hotline</source>
        <translation>销售热线</translation>
    </message>
    <message>
        <source>Complaint phone</source>
        <translation>投诉电话</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网站</translation>
    </message>
    <message>
        <source>Username</source>
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
        <source>Roles</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Awaiting PDI</source>
        <translation>待 PDI</translation>
    </message>
    <message>
        <source>PDI in progress</source>
        <translation>PDI 进行中</translation>
    </message>
    <message>
        <source>PDI failed</source>
        <translation>PDI 未通过</translation>
    </message>
    <message>
        <source>Passed, report not signed</source>
        <translation>已通过，报告未签字</translation>
    </message>
    <message>
        <source>Passed and signed</source>
        <translation>已通过并签字</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Replaced by a new inspection</source>
        <translation>已由新检查取代</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>Not OK</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>Not applicable</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未检</translation>
    </message>
    <message>
        <source>Out on the road</source>
        <translation>试驾中</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已还车</translation>
    </message>
    <message>
        <source>Fine</source>
        <translation>晴</translation>
    </message>
    <message>
        <source>Cloudy</source>
        <translation>多云/阴</translation>
    </message>
    <message>
        <source>Light rain</source>
        <translation>小雨</translation>
    </message>
    <message>
        <source>Storm</source>
        <translation>暴风雨</translation>
    </message>
    <message>
        <source>Heavy rain</source>
        <translation>大雨</translation>
    </message>
    <message>
        <source>Heavy snow</source>
        <translation>大雪</translation>
    </message>
    <message>
        <source>Dense fog</source>
        <translation>大雾</translation>
    </message>
    <message>
        <source>Resident ID card</source>
        <translation>居民身份证</translation>
    </message>
    <message>
        <source>Passport</source>
        <translation>护照</translation>
    </message>
    <message>
        <source>Other permit</source>
        <translation>其他证件</translation>
    </message>
    <message>
        <source>Lights</source>
        <translation>灯光</translation>
    </message>
    <message>
        <source>Tyres</source>
        <translation>轮胎</translation>
    </message>
    <message>
        <source>Fuel or charge</source>
        <translation>燃油/电量</translation>
    </message>
    <message>
        <source>Test-drive signage on the car</source>
        <translation>车身“试乘试驾”标识</translation>
    </message>
    <message>
        <source>Warning triangle and signs</source>
        <translation>警示牌及标志</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动挡</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>手动挡</translation>
    </message>
    <message>
        <source>Compulsory insurance (交强险)</source>
        <translation>交强险</translation>
    </message>
    <message>
        <source>Commercial third-party insurance</source>
        <translation>商业第三者责任险</translation>
    </message>
    <message>
        <source>Annual inspection</source>
        <translation>年检</translation>
    </message>
    <message>
        <source>Maintenance</source>
        <translation>保养</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Failed login</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Unlocked the screen</source>
        <translation>解除锁屏</translation>
    </message>
    <message>
        <source>Changed own password</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Showed a personal number</source>
        <translation>查看证件号码明文</translation>
    </message>
    <message>
        <source>Exported a person&apos;s data</source>
        <translation>导出个人数据</translation>
    </message>
    <message>
        <source>Anonymised</source>
        <translation>匿名化</translation>
    </message>
    <message>
        <source>Personal-data key rotated</source>
        <translation>更换个人数据密钥</translation>
    </message>
    <message>
        <source>Restored a backup that failed its check</source>
        <translation>恢复了未通过校验的备份</translation>
    </message>
</context>
<context>
    <name>LeadsPage</name>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>3.12 Monthly closure rate = contracts signed in the month / (intentions retained from last month + new intentions this month) × 100% (target ≥ 25%, 5.2.1 e)
3.13 Test-drive rate = test drives returned / those intentions × 100% (target ≥ 30%, 5.2.1 c)
Intentions are leads of customers with a mobile on record; the same figures as the KPI dashboard.</source>
        <translation>3.12 月平均成交率 = 本月签约合同数 /（上月留存意向 + 本月新增意向）× 100%（目标 ≥ 25%，5.2.1 e）
3.13 试乘试驾率 = 本月试乘试驾完成数 / 上述意向数 × 100%（目标 ≥ 30%，5.2.1 c）
意向指留有手机号码的客户线索；与 KPI 看板的数字一致。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Customer…</source>
        <translation>客户档案…</translation>
    </message>
    <message>
        <source>Deal…</source>
        <translation>销售订单…</translation>
    </message>
    <message>
        <source>Search by customer, mobile tail or model</source>
        <translation>按客户姓名、手机尾号或车型搜索</translation>
    </message>
    <message>
        <source>Open (new / following up)</source>
        <translation>未结（新增 / 跟进中）</translation>
    </message>
    <message>
        <source>— choose a reason —</source>
        <translation>— 请选择原因 —</translation>
    </message>
    <message>
        <source>Details (required for Other)</source>
        <translation>说明（选“其他”时必填）</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Follow up the selected lead</source>
        <translation>跟进所选意向客户</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>战败原因</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Intent level</source>
        <translation>意向级别</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Leads: {count}</source>
        <translation>意向客户：{count}</translation>
    </message>
    <message>
        <source>{month}: new leads {new} · retained from last month {retained} · orders {orders} · test drives {drives} · closure rate {closure} · test-drive rate {drive_rate}</source>
        <translation>{month}：本月新增意向 {new} · 上月留存意向 {retained} · 成交订单 {orders} · 试乘试驾 {drives} · 成交率 {closure} · 试驾率 {drive_rate}</translation>
    </message>
</context>
<context>
    <name>LiveNotice</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Customer #{id} ({type})</source>
        <translation>客户 #{id}（{type}）</translation>
    </message>
    <message>
        <source>, party of {n}</source>
        <translation>，{n} 人</translation>
    </message>
    <message>
        <source>While you were away, {visitor} was assigned to you · waiting {waited}</source>
        <translation>您离开期间，{visitor} 已分配给您 · 已等候 {waited}</translation>
    </message>
    <message>
        <source>New visitor: {visitor} is assigned to you · waiting {waited}</source>
        <translation>新客户：{visitor} 已分配给您 · 已等候 {waited}</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Showroom — Locked</source>
        <translation>Showroom — 已锁定</translation>
    </message>
    <message>
        <source>This terminal is locked</source>
        <translation>本终端已锁定</translation>
    </message>
    <message>
        <source>{name} ({username}) was away. Enter the password to continue; nothing you had typed is lost.</source>
        <translation>{name}（{username}）离开了。请输入密码继续；已输入的内容不会丢失。</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Log out (unsaved input is lost)</source>
        <translation>退出登录（未保存的内容将丢失）</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>Showroom — Log in</source>
        <translation>展厅系统 — 登录</translation>
    </message>
    <message>
        <source>Showroom</source>
        <translation>展厅系统</translation>
    </message>
    <message>
        <source>Showroom management for passenger-car dealers</source>
        <translation>乘用车经销商展厅管理</translation>
    </message>
    <message>
        <source>Preparing the database…</source>
        <translation>正在准备数据库…</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>The database could not be opened: %1</source>
        <translation>无法打开数据库：%1</translation>
    </message>
    <message>
        <source>Demo store — log in as any of these users:</source>
        <translation>演示门店 — 可使用以下任一用户登录：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Enter your username and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Preparing the database… you will be logged in as soon as it is ready.</source>
        <translation>正在准备数据库……准备就绪后将自动登录。</translation>
    </message>
    <message>
        <source>Choose a new password to log in.</source>
        <translation>请设置新密码后登录。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Inventory</source>
        <translation>库存车辆</translation>
    </message>
    <message>
        <source>No cars here. Add a car, or import the stock list.</source>
        <translation>这里还没有车辆。请添加车辆，或导入库存清单。</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件档案</translation>
    </message>
    <message>
        <source>No documents here. Cards, agreements and PDI reports appear once issued.</source>
        <translation>这里还没有文件。信息卡、协议和 PDI 报告出具后会显示在这里。</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>前台接待</translation>
    </message>
    <message>
        <source>Nothing here yet today. Check in the next visitor with the form.</source>
        <translation>今天这里还没有记录。请用左侧表单登记下一位客户。</translation>
    </message>
    <message>
        <source>Live queue</source>
        <translation>展厅动态</translation>
    </message>
    <message>
        <source>No one here. Visitors appear as soon as reception checks them in.</source>
        <translation>这里暂时没有客户。前台登记后会立即显示。</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>意向客户</translation>
    </message>
    <message>
        <source>No leads. A lead is recorded when a visitor shows interest in a model.</source>
        <translation>暂无意向。客户对某车型有意向时会记录在这里。</translation>
    </message>
    <message>
        <source>Visit history</source>
        <translation>来访记录</translation>
    </message>
    <message>
        <source>No visits found. Change the dates or the search.</source>
        <translation>没有找到来访记录。请更改日期或搜索条件。</translation>
    </message>
    <message>
        <source>Traffic report</source>
        <translation>客流报表</translation>
    </message>
    <message>
        <source>No visits counted in this period.</source>
        <translation>此期间没有来访记录。</translation>
    </message>
    <message>
        <source>Test drives</source>
        <translation>试乘试驾</translation>
    </message>
    <message>
        <source>Nothing booked or set up here yet.</source>
        <translation>这里还没有预约或设置。</translation>
    </message>
    <message>
        <source>PDI</source>
        <translation>售前检查</translation>
    </message>
    <message>
        <source>No cars waiting for PDI. Sold and reserved cars appear here.</source>
        <translation>没有待检车辆。已售和已预订的车辆会显示在这里。</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <source>No deals here. A deal starts from a lead: choose Deal… on the leads page or in the queue.</source>
        <translation>暂无销售订单。订单从意向客户开始：在意向客户页或接待队列中选择“销售订单…”。</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>No money recorded here yet.</source>
        <translation>暂无收付款记录。</translation>
    </message>
    <message>
        <source>Price list</source>
        <translation>价格公示</translation>
    </message>
    <message>
        <source>No price list yet. A manager drafts one and publishes it.</source>
        <translation>尚无价格表。由销售经理起草并公示。</translation>
    </message>
    <message>
        <source>Customer care</source>
        <translation>客户关怀</translation>
    </message>
    <message>
        <source>Nothing to do here. A delivered car brings its 72-hour call.</source>
        <translation>暂无任务。车辆交付后会生成 72 小时回访任务。</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>No staff accounts yet.</source>
        <translation>还没有员工账号。</translation>
    </message>
    <message>
        <source>Showroom floor</source>
        <translation>展厅</translation>
    </message>
    <message>
        <source>No cars on the floor. Put a car on display from the inventory.</source>
        <translation>展厅里还没有车辆。请在库存中将车辆设为展示。</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>客户投诉</translation>
    </message>
    <message>
        <source>No complaints here: receive one with the Receive… button.</source>
        <translation>暂无投诉：点击“受理投诉…”登记。</translation>
    </message>
    <message>
        <source>Public notices</source>
        <translation>服务公示</translation>
    </message>
    <message>
        <source>No public notices yet: publish one with the New version… button.</source>
        <translation>暂无公示：点击“新建版本…”发布。</translation>
    </message>
    <message>
        <source>KPIs</source>
        <translation>管理指标</translation>
    </message>
    <message>
        <source>No figures for anyone in this period.</source>
        <translation>本期间无人有数据。</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>No audit events match.</source>
        <translation>没有符合条件的审计记录。</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <source>Nothing set up here yet.</source>
        <translation>这里还没有设置。</translation>
    </message>
    <message>
        <source>Showroom</source>
        <translation>展厅系统</translation>
    </message>
    <message>
        <source>A manager gave you a customer: see Leads</source>
        <translation>经理将一位客户分配给您：请查看意向客户</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Log out</source>
        <translation>注销(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Showroom</source>
        <translation>关于展厅系统(&amp;A)</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>About Showroom</source>
        <translation>关于展厅系统</translation>
    </message>
    <message>
        <source>Showroom — showroom management for passenger-car dealers, following the Shanghai standard T/CSCA 120031-2023 (乘用车销售服务通用要求).</source>
        <translation>展厅系统 — 乘用车经销商展厅管理软件，依据上海团体标准 T/CSCA 120031-2023《乘用车销售服务通用要求》。</translation>
    </message>
    <message>
        <source>Visitors waiting: {n}</source>
        <translation>等候客户：{n}</translation>
    </message>
    <message>
        <source>Overdue follow-ups: {n}</source>
        <translation>逾期跟进：{n}</translation>
    </message>
    <message>
        <source>Cards to print: {n}</source>
        <translation>待打印信息卡：{n}</translation>
    </message>
    <message>
        <source>PDIs waiting: {n}</source>
        <translation>待办 PDI：{n}</translation>
    </message>
    <message>
        <source>Deals ready to deliver: {n}</source>
        <translation>待交车订单：{n}</translation>
    </message>
    <message>
        <source>Customer care tasks due: {n}</source>
        <translation>到期的客户关怀任务：{n}</translation>
    </message>
</context>
<context>
    <name>NoticeLabels</name>
    <message>
        <source>Warranty and 三包 policy</source>
        <translation>质量保证及三包政策</translation>
    </message>
    <message>
        <source>Service fees</source>
        <translation>服务收费</translation>
    </message>
    <message>
        <source>Complaint phone and process</source>
        <translation>投诉电话及处理流程</translation>
    </message>
    <message>
        <source>Charging-pile installation (NEV)</source>
        <translation>充电桩安装服务（新能源汽车）</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>待生效</translation>
    </message>
    <message>
        <source>Superseded</source>
        <translation>已被取代</translation>
    </message>
    <message>
        <source>not printed yet</source>
        <translation>尚未打印</translation>
    </message>
    <message>
        <source>on the wall, current</source>
        <translation>已张贴，内容最新</translation>
    </message>
    <message>
        <source>stale: reprint</source>
        <translation>已过时：请重新打印</translation>
    </message>
</context>
<context>
    <name>NoticeTableModel</name>
    <message>
        <source>Notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>In effect from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Poster</source>
        <translation>张贴件</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>New version…</source>
        <translation>新建版本…</translation>
    </message>
    <message>
        <source>Poster…</source>
        <translation>张贴件…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Posters to print or reprint: {count}</source>
        <translation>待打印或重新打印的张贴件：{count} 份</translation>
    </message>
    <message>
        <source>Every poster in force is current.</source>
        <translation>现行公示的张贴件均为最新。</translation>
    </message>
    <message>
        <source>Notice: {title}</source>
        <translation>公示：{title}</translation>
    </message>
</context>
<context>
    <name>OutcomeDialog</name>
    <message>
        <source>Call outcome: {kind}</source>
        <translation>回访结果：{kind}</translation>
    </message>
    <message>
        <source>{customer} · {mobile}
{subject}
Due {due}</source>
        <translation>{customer} · {mobile}
{subject}
截止 {due}</translation>
    </message>
    <message>
        <source>Required when the customer is not satisfied: what went wrong</source>
        <translation>客户不满意时必填：哪里出了问题</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
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
    <name>PayRefundDialog</name>
    <message>
        <source>Pay refund</source>
        <translation>支付退款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方式</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Record payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Amount in yuan, e.g. 50000.00</source>
        <translation>金额（元），如 50000.00</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>款项类别</translation>
    </message>
    <message>
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>付款方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{contract} · {buyer}
due {due} · paid {paid} · open {open}</source>
        <translation>{contract} · {buyer}
应付 {due} · 已付 {paid} · 未付 {open}</translation>
    </message>
    <message>
        <source>loan {loan} ({lender})</source>
        <translation>贷款 {loan}（{lender}）</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Verify signature</source>
        <translation>验证签章</translation>
    </message>
    <message>
        <source>Check that the document is unchanged since the store signed it</source>
        <translation>检查文件自门店签章后是否未被改动</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Page {page} / {count}</source>
        <translation>第 {page} / {count} 页</translation>
    </message>
    <message>
        <source>{percent} %</source>
        <translation>{percent}%</translation>
    </message>
    <message>
        <source>Sent to {printer} (copies: {copies}, pages: {pages}).</source>
        <translation>已发送到 {printer}（份数：{copies}，页数：{pages}）。</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>已保存到 {path}</translation>
    </message>
    <message>
        <source>Checking the signature…</source>
        <translation>正在验证签章…</translation>
    </message>
    <message>
        <source>Signature valid: the document is unchanged since it was signed.</source>
        <translation>签章有效：文件自签章后未被改动。</translation>
    </message>
    <message>
        <source>Signed by {signer} on {time} (China time).</source>
        <translation>签章人：{signer}，时间：{time}（北京时间）。</translation>
    </message>
    <message>
        <source>Warning: this document was changed after it was signed, or it is damaged. Do not rely on it; print the copy from the archive.</source>
        <translation>警告：此文件在签章后被改动或已损坏，请勿依据此文件，请从档案中打印原件。</translation>
    </message>
    <message>
        <source>The document is unchanged since it was signed, but not with this store&apos;s certificate.</source>
        <translation>文件自签章后未被改动，但并非使用本店证书签章。</translation>
    </message>
    <message>
        <source>This document has no digital signature.</source>
        <translation>此文件没有数字签章。</translation>
    </message>
</context>
<context>
    <name>PdiInspectionDialog</name>
    <message>
        <source>PDI {vin}</source>
        <translation>PDI {vin}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Complete inspection</source>
        <translation>完成检查</translation>
    </message>
    <message>
        <source>Sign report…</source>
        <translation>签署报告…</translation>
    </message>
    <message>
        <source>Customer copy…</source>
        <translation>客户联…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Go to section:</source>
        <translation>跳转到分类：</translation>
    </message>
    <message>
        <source>Add a photo</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>照片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>PDI report {number}</source>
        <translation>PDI 报告 {number}</translation>
    </message>
</context>
<context>
    <name>PdiInspectionHeader</name>
    <message>
        <source>{brand} {model} · {vin} · {powertrain}
Checklist: {title} v{version}{old} · Technician: {technician} ({certificate}) · {status} · {done}/{total} items</source>
        <translation>{brand} {model} · {vin} · {powertrain}
检查清单：{title} v{version}{old} · 技师：{technician}（{certificate}）· {status} · 已检 {done}/{total} 项</translation>
    </message>
    <message>
        <source> (replaced since)</source>
        <translation>（已有新版本）</translation>
    </message>
    <message>
        <source>Not OK: {items}</source>
        <translation>不合格：{items}</translation>
    </message>
    <message>
        <source>Assembly repairs awaiting the customer&apos;s acknowledgement: {items}</source>
        <translation>待客户确认的总成维修：{items}</translation>
    </message>
    <message>
        <source>Report {number} was voided: sign the report again before delivery.</source>
        <translation>报告 {number} 已作废：交车前请重新签署报告。</translation>
    </message>
    <message>
        <source>Report {number} signed and archived.</source>
        <translation>报告 {number} 已签字并归档。</translation>
    </message>
</context>
<context>
    <name>PdiItemEditor</name>
    <message>
        <source>Selected item</source>
        <translation>当前项目</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>结果：</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>数值：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <source>Repairs:</source>
        <translation>整改：</translation>
    </message>
    <message>
        <source>OK, next item (F2)</source>
        <translation>合格，下一项 (F2)</translation>
    </message>
    <message>
        <source>Save item</source>
        <translation>保存本项</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Record repair…</source>
        <translation>记录整改…</translation>
    </message>
    <message>
        <source>Customer acknowledges…</source>
        <translation>客户确认…</translation>
    </message>
    <message>
        <source>Found not OK by {who} at {when}: {note}</source>
        <translation>{who} 于 {when} 发现不合格：{note}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{have} of {need} photos the checklist asks for</source>
        <translation>清单要求 {need} 张照片，已有 {have} 张</translation>
    </message>
    <message>
        <source>{action} by {who}</source>
        <translation>{action}（维修人：{who}）</translation>
    </message>
    <message>
        <source>; parts: {parts}</source>
        <translation>；更换零件：{parts}</translation>
    </message>
    <message>
        <source>; assembly {name}, acknowledged by {customer}</source>
        <translation>；总成：{name}，客户 {customer} 已确认</translation>
    </message>
    <message>
        <source>; assembly {name}, NOT yet acknowledged by the customer</source>
        <translation>；总成：{name}，客户尚未确认</translation>
    </message>
</context>
<context>
    <name>PdiModels</name>
    <message>
        <source>{state} (checklist replaced)</source>
        <translation>{state}（清单已更新）</translation>
    </message>
    <message>
        <source>{done}/{total}</source>
        <translation>{done}/{total}</translation>
    </message>
    <message>
        <source>{done}/{total} · {defects} not OK</source>
        <translation>{done}/{total} · {defects} 项不合格</translation>
    </message>
    <message>
        <source>{count} photos</source>
        <translation>{count} 张照片</translation>
    </message>
    <message>
        <source>defect found, re-checked</source>
        <translation>曾有瑕疵，已复检</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>车架号</translation>
    </message>
    <message>
        <source>Powertrain</source>
        <translation>动力类型</translation>
    </message>
    <message>
        <source>Vehicle status</source>
        <translation>车辆状态</translation>
    </message>
    <message>
        <source>PDI</source>
        <translation>PDI</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技师</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Active items</source>
        <translation>有效项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>发布</translation>
    </message>
    <message>
        <source>All brands (*)</source>
        <translation>全部品牌 (*)</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>当前</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>已替换</translation>
    </message>
    <message>
        <source>(loaded from the default file)</source>
        <translation>（由默认文件载入）</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>分类</translation>
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
        <source>Powertrains</source>
        <translation>动力类型</translation>
    </message>
    <message>
        <source>Value (unit)</source>
        <translation>数值（单位）</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片数</translation>
    </message>
</context>
<context>
    <name>PdiOmissionsDialog</name>
    <message>
        <source>Parts of the standard checklist left out</source>
        <translation>相对标准清单的省略项</translation>
    </message>
    <message>
        <source>This checklist leaves out {count} part(s) of the standard PDI checklist. T/CSCA 120031 4.4.1.2 asks for no fewer items than the CADA guide: give each omission its reason and approve them, or go back and keep the items.</source>
        <translation>本清单省略了标准 PDI 清单中的 {count} 处。T/CSCA 120031 4.4.1.2 要求检查项目不少于 CADA 指引的规定：请为每处省略写明原因并批准，或返回保留这些检查项。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Standard checklist</source>
        <translation>标准清单</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approve omissions and publish</source>
        <translation>批准省略项并发布</translation>
    </message>
    <message>
        <source>the whole section: {what}</source>
        <translation>整个类别：{what}</translation>
    </message>
    <message>
        <source>{what} (for {powertrains})</source>
        <translation>{what}（适用于 {powertrains}）</translation>
    </message>
</context>
<context>
    <name>PdiPage</name>
    <message>
        <source>All cars</source>
        <translation>全部车辆</translation>
    </message>
    <message>
        <source>Show delivered</source>
        <translation>显示已交付</translation>
    </message>
    <message>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <source>Open inspection</source>
        <translation>打开检查</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Delivery queue</source>
        <translation>交付队列</translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation>检查清单</translation>
    </message>
    <message>
        <source>Awaiting: {awaiting} · in progress: {in_progress} · failed: {failed} · passed: {passed} · signed: {reported}</source>
        <translation>待检：{awaiting} · 检查中：{in_progress} · 未通过：{failed} · 已通过：{passed} · 已签字：{reported}</translation>
    </message>
</context>
<context>
    <name>PdiPhotoStrip</name>
    <message>
        <source>No photos</source>
        <translation>无照片</translation>
    </message>
</context>
<context>
    <name>PdiRectificationDialog</name>
    <message>
        <source>Repair of item {item}</source>
        <translation>项目 {item} 的整改</translation>
    </message>
    <message>
        <source>{item} {text}
Defect: {defect}</source>
        <translation>{item} {text}
瑕疵：{defect}</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>所做的处理</translation>
    </message>
    <message>
        <source>An assembly (总成) was repaired or replaced: disclose it to the customer</source>
        <translation>维修或更换了总成：须告知客户</translation>
    </message>
    <message>
        <source>e.g. air-conditioning compressor</source>
        <translation>例如：空调压缩机</translation>
    </message>
    <message>
        <source>Action taken:</source>
        <translation>整改措施：</translation>
    </message>
    <message>
        <source>Parts replaced:</source>
        <translation>更换零件：</translation>
    </message>
    <message>
        <source>Repaired by:</source>
        <translation>维修人：</translation>
    </message>
    <message>
        <source>Assembly:</source>
        <translation>总成：</translation>
    </message>
</context>
<context>
    <name>PdiReportDialog</name>
    <message>
        <source>PDI report for {vin}</source>
        <translation>{vin} 的 PDI 报告</translation>
    </message>
    <message>
        <source>The technician and the customer sign the report of the whole inspection; the customer receives a printed copy (T/CSCA 120031 4.4.1.4).</source>
        <translation>技师和客户在整份检查报告上签字；客户领取一份打印件（T/CSCA 120031 4.4.1.4）。</translation>
    </message>
    <message>
        <source>Technician signs…</source>
        <translation>技师签字…</translation>
    </message>
    <message>
        <source>Customer signs…</source>
        <translation>客户签字…</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <source>Signatures:</source>
        <translation>签字：</translation>
    </message>
    <message>
        <source>Issue report</source>
        <translation>出具报告</translation>
    </message>
    <message>
        <source>technician</source>
        <translation>技师</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Signed by: {who}</source>
        <translation>已签字：{who}</translation>
    </message>
    <message>
        <source>Not signed yet</source>
        <translation>尚未签字</translation>
    </message>
    <message>
        <source>PDI report {vin}</source>
        <translation>PDI 报告 {vin}</translation>
    </message>
</context>
<context>
    <name>PdiTemplateDialog</name>
    <message>
        <source>all brands</source>
        <translation>全部品牌</translation>
    </message>
    <message>
        <source>Checklist for {brand}, editing v{version}</source>
        <translation>{brand}的检查清单，编辑 v{version}</translation>
    </message>
    <message>
        <source>Double-click a text to change it. Powertrains: ICE, HEV, PHEV, BEV separated by commas. Value: number (unit) or text. Publishing creates v{next}.</source>
        <translation>双击文字即可修改。动力类型：ICE、HEV、PHEV、BEV，用逗号分隔。数值：number (单位) 或 text。发布后生成 v{next}。</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加项目</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>What changed (kept with the version)</source>
        <translation>修改说明（随版本保存）</translation>
    </message>
    <message>
        <source>Publish new version</source>
        <translation>发布新版本</translation>
    </message>
    <message>
        <source>Not published</source>
        <translation>未发布</translation>
    </message>
    <message>
        <source>Please correct these items; nothing was published:</source>
        <translation>请更正以下内容；未发布任何内容：</translation>
    </message>
</context>
<context>
    <name>PdiTemplatesTab</name>
    <message>
        <source>A checklist version is never changed once published: an edit or an import publishes the next version, and inspections keep the version they started with. A brand&apos;s own checklist replaces the general one (*) for its cars.</source>
        <translation>检查清单版本一经发布不再修改：编辑或导入会发布下一个版本，已开始的检查保留其所用版本。品牌专用清单对该品牌车辆取代通用清单 (*)。</translation>
    </message>
    <message>
        <source>Edit checklist…</source>
        <translation>编辑清单…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>导出 JSON…</translation>
    </message>
    <message>
        <source>Import JSON…</source>
        <translation>导入 JSON…</translation>
    </message>
    <message>
        <source>Export checklist</source>
        <translation>导出检查清单</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Import checklist</source>
        <translation>导入检查清单</translation>
    </message>
    <message>
        <source>Checklist not imported</source>
        <translation>检查清单未导入</translation>
    </message>
    <message>
        <source>The file has problems; nothing was imported:</source>
        <translation>文件有以下问题，未导入任何内容：</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>自定义期间</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>By consultant</source>
        <translation>按销售顾问</translation>
    </message>
    <message>
        <source>By brand</source>
        <translation>按品牌</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
</context>
<context>
    <name>PriceItemDialog</name>
    <message>
        <source>Price list line</source>
        <translation>价目表项目</translation>
    </message>
    <message>
        <source>Edit price list line</source>
        <translation>修改价目表项目</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Name (Chinese)</source>
        <translation>名称（中文）</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>名称（英文）</translation>
    </message>
    <message>
        <source>Price or fee (yuan)</source>
        <translation>价格或收费（元）</translation>
    </message>
    <message>
        <source>When the service is done</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <source>Public rules</source>
        <translation>公开的活动规则</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>有效期自</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Leave empty: VEH-brand-model-trim</source>
        <translation>留空则为 VEH-品牌-车型-版本</translation>
    </message>
</context>
<context>
    <name>PriceLabels</name>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>选装配置</translation>
    </message>
    <message>
        <source>Accessory</source>
        <translation>精品附件</translation>
    </message>
    <message>
        <source>Service fee</source>
        <translation>服务收费</translation>
    </message>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>Registration agency</source>
        <translation>上牌代办</translation>
    </message>
    <message>
        <source>Insurance agency</source>
        <translation>保险代办</translation>
    </message>
    <message>
        <source>Loan agency</source>
        <translation>贷款代办</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交付服务</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>现行</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>已公示</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Public notice</source>
        <translation>公示文件</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price / fee</source>
        <translation>价格 / 收费</translation>
    </message>
    <message>
        <source>Timing, rules, validity</source>
        <translation>办理时限、规则、有效期</translation>
    </message>
</context>
<context>
    <name>PriceListPage</name>
    <message>
        <source>New version…</source>
        <translation>新建版本…</translation>
    </message>
    <message>
        <source>Edit version…</source>
        <translation>修改版本…</translation>
    </message>
    <message>
        <source>Add line…</source>
        <translation>添加项目…</translation>
    </message>
    <message>
        <source>Edit line…</source>
        <translation>修改项目…</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除项目</translation>
    </message>
    <message>
        <source>Publish…</source>
        <translation>公示…</translation>
    </message>
    <message>
        <source>Public notice…</source>
        <translation>公示文件…</translation>
    </message>
    <message>
        <source>Discount threshold…</source>
        <translation>折扣审批额度…</translation>
    </message>
    <message>
        <source>Published prices and fees</source>
        <translation>价格公示</translation>
    </message>
    <message>
        <source>Discounts above {amount} need approval</source>
        <translation>折扣超过 {amount} 须审批</translation>
    </message>
    <message>
        <source>No price list yet.</source>
        <translation>尚无价目表。</translation>
    </message>
    <message>
        <source>Lines of {title}, effective from {day}</source>
        <translation>{title} 的项目，自 {day} 起生效</translation>
    </message>
    <message>
        <source>Publish price list</source>
        <translation>公示价目表</translation>
    </message>
    <message>
        <source>Publish {title}, effective from {day}? The public notice is printed and the list can no longer change.</source>
        <translation>公示 {title}（自 {day} 起生效）？将打印公示文件，此后价目表不能再修改。</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Price list notice {number}</source>
        <translation>价格公示 {number}</translation>
    </message>
</context>
<context>
    <name>PriceVersionDialog</name>
    <message>
        <source>New price list version</source>
        <translation>新建价目表版本</translation>
    </message>
    <message>
        <source>Edit price list version</source>
        <translation>修改价目表版本</translation>
    </message>
    <message>
        <source>e.g. 2027 年价格公示</source>
        <translation>例如：2027 年价格公示</translation>
    </message>
    <message>
        <source>The new version starts with the lines of the list in force. Edit them, then publish: the public notice is printed and the list can no longer change.</source>
        <translation>新版本以现行价目表的项目为起点。修改后公示：将打印公示文件，此后价目表不能再修改。</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Effective from</source>
        <translation>生效日期</translation>
    </message>
</context>
<context>
    <name>PrintJob</name>
    <message>
        <source>Printing</source>
        <translation>正在打印</translation>
    </message>
    <message>
        <source>Printing “{title}” on {printer}…</source>
        <translation>正在 {printer} 上打印“{title}”…</translation>
    </message>
    <message>
        <source>Printing on {printer}…</source>
        <translation>正在 {printer} 上打印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Sending to {printer}…</source>
        <translation>正在发送到 {printer}…</translation>
    </message>
</context>
<context>
    <name>PrintLedgerModel</name>
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
        <source>Printer or file</source>
        <translation>打印机或文件</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
</context>
<context>
    <name>PromotionDialog</name>
    <message>
        <source>Promotion</source>
        <translation>促销活动</translation>
    </message>
    <message>
        <source>Promotion for {car}. It is printed on the car&apos;s card with its full rules; after saving, the card must be reprinted.</source>
        <translation>{car} 的促销活动。活动及其完整规则将打印在该车信息卡上；保存后须重新打印信息卡。</translation>
    </message>
    <message>
        <source>e.g. 限时优惠 8,000 元</source>
        <translation>例如：限时优惠 8,000 元</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>截止于</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>活动规则</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>附加条件</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Remove promotion</source>
        <translation>取消促销活动</translation>
    </message>
</context>
<context>
    <name>PublishNoticeDialog</name>
    <message>
        <source>Publish a notice</source>
        <translation>发布公示</translation>
    </message>
    <message>
        <source>Store details in braces are printed as saved: {legal_name}, {address}, {sales_hotline}, {complaint_phone}, {website}. A published version never changes: this is the next one.</source>
        <translation>大括号中的门店信息按打印时的门店资料填入：{legal_name}、{address}、{sales_hotline}、{complaint_phone}、{website}。已发布的版本不能修改：本次发布为新版本。</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Title (Chinese)</source>
        <translation>标题（中文）</translation>
    </message>
    <message>
        <source>Title (English)</source>
        <translation>标题（英文）</translation>
    </message>
    <message>
        <source>Text (Chinese)</source>
        <translation>正文（中文）</translation>
    </message>
    <message>
        <source>Text (English)</source>
        <translation>正文（英文）</translation>
    </message>
    <message>
        <source>In effect from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
</context>
<context>
    <name>QualificationForm</name>
    <message>
        <source>Customer agrees to this (separate consent)</source>
        <translation>客户同意（单独同意）</translation>
    </message>
    <message>
        <source>Customer withdraws consent</source>
        <translation>客户撤回同意</translation>
    </message>
    <message>
        <source>Long-term (长期)</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>Same as the ID number for a Chinese licence</source>
        <translation>中国驾驶证号即身份证号</translation>
    </message>
    <message>
        <source>Foreign licence (needs a temporary driving permit)</source>
        <translation>境外驾驶证（须持临时驾驶许可）</translation>
    </message>
    <message>
        <source>Check and record</source>
        <translation>核验并登记</translation>
    </message>
    <message>
        <source>Show the ID number…</source>
        <translation>查看完整证件号码…</translation>
    </message>
    <message>
        <source>Show the licence number…</source>
        <translation>查看完整驾驶证号…</translation>
    </message>
    <message>
        <source>ID document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Licence class</source>
        <translation>准驾车型</translation>
    </message>
    <message>
        <source>First issued</source>
        <translation>初次领证日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Licence number</source>
        <translation>驾驶证号</translation>
    </message>
    <message>
        <source>Permit number</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <source>Permit valid until</source>
        <translation>许可有效期至</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>&amp;My visitors only</source>
        <translation>只看我的客户(&amp;M)</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候中</translation>
    </message>
    <message>
        <source>With consultant</source>
        <translation>接待中</translation>
    </message>
    <message>
        <source>Finished today</source>
        <translation>今日已结束</translation>
    </message>
    <message>
        <source>Start (with consultant)</source>
        <translation>开始接待</translation>
    </message>
    <message>
        <source>End visit…</source>
        <translation>结束接待…</translation>
    </message>
    <message>
        <source>Visitor left</source>
        <translation>客户已离店</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <source>Test drive…</source>
        <translation>试乘试驾…</translation>
    </message>
    <message>
        <source>Deal…</source>
        <translation>销售订单…</translation>
    </message>
    <message>
        <source>Today: {visits} visitors · {free} consultants free</source>
        <translation>今日：{visits} 批客户 · 空闲顾问 {free} 位</translation>
    </message>
</context>
<context>
    <name>QuoteDialog</name>
    <message>
        <source>Sales proposal</source>
        <translation>销售方案</translation>
    </message>
    <message>
        <source>Save revision</source>
        <translation>保存新版本</translation>
    </message>
    <message>
        <source>No price list is in force today: publish one before quoting.</source>
        <translation>今日无现行价目表：请先发布价目表再报价。</translation>
    </message>
    <message>
        <source>to order</source>
        <translation>订购车辆</translation>
    </message>
    <message>
        <source>Why the discount is approved</source>
        <translation>批准优惠的理由</translation>
    </message>
    <message>
        <source>Approve discount</source>
        <translation>批准优惠</translation>
    </message>
    <message>
        <source>To order</source>
        <translation>订购车辆</translation>
    </message>
    <message>
        <source>Assign this car</source>
        <translation>指定此车</translation>
    </message>
    <message>
        <source>Customer signs…</source>
        <translation>客户签字…</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>(the discount needs a sales manager&apos;s approval)</source>
        <translation>（该优惠须销售经理批准）</translation>
    </message>
    <message>
        <source>Total: —</source>
        <translation>合计：—</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <source>Revision %1, total %2.</source>
        <translation>第 %1 版，合计 %2。</translation>
    </message>
    <message>
        <source>Signed by the customer: %1.</source>
        <translation>客户已签字：%1。</translation>
    </message>
    <message>
        <source>The discount waits for a sales manager&apos;s approval.</source>
        <translation>该优惠等待销售经理批准。</translation>
    </message>
</context>
<context>
    <name>QuoteForm</name>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Model and trim</source>
        <translation>车型及配置</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Options, accessories and promotions</source>
        <translation>选装、精品及促销</translation>
    </message>
    <message>
        <source>Discount, gifts and promises</source>
        <translation>优惠、赠品及承诺</translation>
    </message>
    <message>
        <source>Amount in yuan</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>One per line; each is ticked at the handover</source>
        <translation>每行一项；交车时逐项确认</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Reason for the discount</source>
        <translation>优惠原因</translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>Promises</source>
        <translation>承诺事项</translation>
    </message>
    <message>
        <source>Agency services (optional: only what the customer chooses)</source>
        <translation>代办服务（自愿：仅限客户选择的项目）</translation>
    </message>
    <message>
        <source>Provider the customer chose</source>
        <translation>客户选择的服务提供方</translation>
    </message>
    <message>
        <source>When it is done</source>
        <translation>办理时间</translation>
    </message>
</context>
<context>
    <name>ReassignCustomerDialog</name>
    <message>
        <source>Give the customer to another consultant</source>
        <translation>将客户转给其他顾问</translation>
    </message>
    <message>
        <source>Now with: {name}</source>
        <translation>当前顾问：{name}</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>New consultant</source>
        <translation>新顾问</translation>
    </message>
    <message>
        <source>Required, e.g. the consultant left; kept in the history</source>
        <translation>必填，例如原顾问离职；记入变更记录</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>转交</translation>
    </message>
</context>
<context>
    <name>ReassignDialog</name>
    <message>
        <source>Reassign visitor</source>
        <translation>改派客户</translation>
    </message>
    <message>
        <source>{visitor} is with {consultant}. Give the visitor to:</source>
        <translation>{visitor} 当前由 {consultant} 接待。改派给：</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>尚无人</translation>
    </message>
    <message>
        <source>Why not the rotation (required, logged)</source>
        <translation>不按轮流接待的原因（必填，将记录）</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
</context>
<context>
    <name>ReceiveComplaintDialog</name>
    <message>
        <source>Receive a complaint</source>
        <translation>受理投诉</translation>
    </message>
    <message>
        <source>Made earlier than now (e.g. the time on a 12345 work order)</source>
        <translation>投诉时间早于现在（例如12345工单上的时间）</translation>
    </message>
    <message>
        <source>(nobody named)</source>
        <translation>（未指明）</translation>
    </message>
    <message>
        <source>Optional: the car&apos;s VIN</source>
        <translation>选填：车架号</translation>
    </message>
    <message>
        <source>Optional: the contract number</source>
        <translation>选填：合同编号</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>What about</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Vehicle (VIN)</source>
        <translation>车辆（车架号）</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Staff concerned</source>
        <translation>涉及员工</translation>
    </message>
    <message>
        <source>Handled by</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>受理</translation>
    </message>
</context>
<context>
    <name>ReceptionModels</name>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>{h} h {m:02d} min</source>
        <translation>{h} 小时 {m:02d} 分</translation>
    </message>
    <message>
        <source>Visitor #{id}</source>
        <translation>客户 #{id}</translation>
    </message>
    <message>
        <source> (party of {n})</source>
        <translation>（{n} 人）</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>到店</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation>到店类型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Interested models</source>
        <translation>意向车型</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>等候时长</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>接待时长</translation>
    </message>
    <message>
        <source>Override: {reason}</source>
        <translation>人工指派：{reason}</translation>
    </message>
    <message>
        <source> · with children</source>
        <translation> · 带儿童</translation>
    </message>
    <message>
        <source> · foreign ({language})</source>
        <translation> · 外籍（{language}）</translation>
    </message>
    <message>
        <source>(waiting for a free consultant)</source>
        <translation>（等待空闲顾问）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Visits today</source>
        <translation>今日接待</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <source>Intent level</source>
        <translation>意向级别</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <source>Check a visitor in</source>
        <translation>客户到店登记</translation>
    </message>
    <message>
        <source>Arrived: check in</source>
        <translation>已到店：登记</translation>
    </message>
    <message>
        <source>Book appointment…</source>
        <translation>新建预约…</translation>
    </message>
    <message>
        <source>Today&apos;s appointments</source>
        <translation>今日预约</translation>
    </message>
    <message>
        <source>Reschedule…</source>
        <translation>改期…</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <source>No-show…</source>
        <translation>爽约…</translation>
    </message>
    <message>
        <source>Away / back</source>
        <translation>离岗 / 在岗</translation>
    </message>
    <message>
        <source>Off duty</source>
        <translation>下岗</translation>
    </message>
    <message>
        <source>Put on duty</source>
        <translation>安排在岗</translation>
    </message>
    <message>
        <source>Duty roster today (rotation order)</source>
        <translation>今日值班表（轮流顺序）</translation>
    </message>
    <message>
        <source>Assigned to {name}</source>
        <translation>已分配给 {name}</translation>
    </message>
    <message>
        <source>No consultant is free: the visitor waits and goes to the next one free.</source>
        <translation>暂无空闲顾问：客户等候，由下一位空闲顾问接待。</translation>
    </message>
    <message>
        <source>Their own consultant is not on duty today; assigned by rotation.</source>
        <translation>其原顾问今天不在岗，已按轮流接待分配。</translation>
    </message>
    <message>
        <source>Remember: remind the party to look after their children (4.2.1.4).</source>
        <translation>请提醒家长看护好儿童（4.2.1.4）。</translation>
    </message>
    <message>
        <source>Remember: explain the rules for foreign buyers (4.2.3.3).</source>
        <translation>请向外籍客户说明相关法规政策（4.2.3.3）。</translation>
    </message>
</context>
<context>
    <name>ReceptionReportsPage</name>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <source>By source</source>
        <translation>按来源渠道</translation>
    </message>
    <message>
        <source>By visit type</source>
        <translation>按到店类型</translation>
    </message>
    <message>
        <source>By consultant</source>
        <translation>按销售顾问</translation>
    </message>
    <message>
        <source>By outcome</source>
        <translation>按接待结果</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Visits (groups)</source>
        <translation>到店批次</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源渠道</translation>
    </message>
    <message>
        <source>Visit type</source>
        <translation>到店类型</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>接待结果</translation>
    </message>
    <message>
        <source>Visits</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Appointments booked</source>
        <translation>预约数</translation>
    </message>
    <message>
        <source>Appointments arrived</source>
        <translation>预约到店</translation>
    </message>
    <message>
        <source>Appointments cancelled</source>
        <translation>预约取消</translation>
    </message>
    <message>
        <source>No-shows</source>
        <translation>爽约</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Export XLSX…</source>
        <translation>导出 XLSX…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>{visits} visits, {people} people</source>
        <translation>{visits} 批，{people} 人</translation>
    </message>
    <message>
        <source>Appointments: {booked} booked · {arrived} arrived · {no_show} no-show ({rate} of those due) · {cancelled} cancelled · {open} still booked</source>
        <translation>预约：共 {booked} 个 · 到店 {arrived} · 爽约 {no_show}（占到期预约 {rate}）· 取消 {cancelled} · 待到店 {open}</translation>
    </message>
    <message>
        <source>Export traffic report</source>
        <translation>导出客流报表</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>exported to {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
</context>
<context>
    <name>RecoveryTab</name>
    <message>
        <source>Show closed cases</source>
        <translation>显示已关闭的案例</translation>
    </message>
    <message>
        <source>Apology…</source>
        <translation>致歉…</translation>
    </message>
    <message>
        <source>Compensation…</source>
        <translation>补偿…</translation>
    </message>
    <message>
        <source>Approve compensation</source>
        <translation>批准补偿</translation>
    </message>
    <message>
        <source>Approved: the confirmation call is planned.</source>
        <translation>已批准：已安排回访确认。</translation>
    </message>
</context>
<context>
    <name>RefundDecisionDialog</name>
    <message>
        <source>Approve refund</source>
        <translation>批准退款</translation>
    </message>
    <message>
        <source>Reject refund</source>
        <translation>驳回退款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Why rejected</source>
        <translation>驳回原因</translation>
    </message>
</context>
<context>
    <name>RefundRequestDialog</name>
    <message>
        <source>Request refund</source>
        <translation>申请退款</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>RejectionTableModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ReportButton</name>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Write the KPI report of the shown period as PDF and Excel files to a folder</source>
        <translation>将当前期间的KPI报告以PDF和Excel文件导出到文件夹</translation>
    </message>
    <message>
        <source>Export the KPI report to a folder</source>
        <translation>选择导出KPI报告的文件夹</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>{pdf} or {xlsx} is already in this folder. Replace them?</source>
        <translation>该文件夹中已有 {pdf} 或 {xlsx}。要替换吗？</translation>
    </message>
    <message>
        <source>The KPI report was saved:
{pdf}
{xlsx}</source>
        <translation>KPI报告已保存：
{pdf}
{xlsx}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>A temporary password for {name} ({username}). They must choose a new one when they next log in.</source>
        <translation>为 {name}（{username}）设置临时密码。其下次登录时必须设置新密码。</translation>
    </message>
    <message>
        <source>Temporary password</source>
        <translation>临时密码</translation>
    </message>
    <message>
        <source>Again</source>
        <translation>再次输入</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>The consent texts on record state no period.</source>
        <translation>已发布的告知同意书未写明保存期限。</translation>
    </message>
    <message>
        <source>The consent text shown to visitors promises at most {n} months.</source>
        <translation>向访客展示的告知同意书承诺最长保存 {n} 个月。</translation>
    </message>
    <message>
        <source>Visitor retention period</source>
        <translation>访客信息保存期限</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Visitors who never bought are anonymised this many months after their last visit or contact (PIPL art. 19, 47). Buyers&apos; sales records are kept 10 years.</source>
        <translation>未购车的访客，自最后一次到店或联系之日起满此月数后匿名化处理（《个人信息保护法》第十九条、第四十七条）。购车客户的销售档案保存 10 年。</translation>
    </message>
    <message>
        <source>Keep for</source>
        <translation>保存期限</translation>
    </message>
</context>
<context>
    <name>RetentionRow</name>
    <message>
        <source>Change…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>{n} months after the last visit or contact</source>
        <translation>自最后一次到店或联系之日起 {n} 个月</translation>
    </message>
</context>
<context>
    <name>ReturnForm</name>
    <message>
        <source>— checked? —</source>
        <translation>— 是否已检查？ —</translation>
    </message>
    <message>
        <source>No damage</source>
        <translation>无损伤</translation>
    </message>
    <message>
        <source>Damage found</source>
        <translation>发现损伤</translation>
    </message>
    <message>
        <source>Record return</source>
        <translation>登记还车</translation>
    </message>
    <message>
        <source>Odometer</source>
        <translation>里程表</translation>
    </message>
    <message>
        <source>Damage check</source>
        <translation>车损检查</translation>
    </message>
    <message>
        <source>Damage details</source>
        <translation>损伤说明</translation>
    </message>
    <message>
        <source>Customer feedback</source>
        <translation>客户反馈</translation>
    </message>
    <message>
        <source>Intent level</source>
        <translation>意向级别</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <source>Roles of {name}</source>
        <translation>{name} 的角色</translation>
    </message>
    <message>
        <source>The new roles apply from the person&apos;s next login.</source>
        <translation>新角色在此人下次登录时生效。</translation>
    </message>
</context>
<context>
    <name>RouteDialog</name>
    <message>
        <source>Test-drive route</source>
        <translation>试驾路线</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Active (offered for bookings and on the public notice)</source>
        <translation>启用（可预约并在公示中列出）</translation>
    </message>
    <message>
        <source>Choose map image…</source>
        <translation>选择路线图…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>里程</translation>
    </message>
    <message>
        <source>Typical time</source>
        <translation>约需时间</translation>
    </message>
    <message>
        <source>Police filing reference</source>
        <translation>交警备案编号</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>备案日期</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>路线图</translation>
    </message>
    <message>
        <source>Map image</source>
        <translation>路线图</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>SalesPage</name>
    <message>
        <source>My deals</source>
        <translation>我的订单</translation>
    </message>
    <message>
        <source>Customer name, contract number or last digits of the VIN</source>
        <translation>客户姓名、合同编号或车架号后几位</translation>
    </message>
    <message>
        <source>Open deal…</source>
        <translation>打开订单…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>All but cancelled</source>
        <translation>全部（不含已取消）</translation>
    </message>
    <message>
        <source>Deals: {count}</source>
        <translation>订单：{count}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Empty: this computer&apos;s own database file</source>
        <translation>留空：使用本机数据库文件</translation>
    </message>
    <message>
        <source>For a store with several terminals, enter the PostgreSQL server, e.g. postgresql+psycopg://showroom@192.168.1.10/showroom. Takes effect at the next start.</source>
        <translation>多终端门店请填写 PostgreSQL 服务器，例如 postgresql+psycopg://showroom@192.168.1.10/showroom。下次启动时生效。</translation>
    </message>
    <message>
        <source>System default printer</source>
        <translation>系统默认打印机</translation>
    </message>
    <message>
        <source>(not available)</source>
        <translation>（不可用）</translation>
    </message>
    <message>
        <source>min</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>A shared terminal locks after this idle time and asks for the password again; what was typed is kept. Applies from the next login.</source>
        <translation>共用终端在空闲达到此时间后锁定，需重新输入密码；已输入的内容保留。下次登录起生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Default printer</source>
        <translation>默认打印机</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>空闲锁屏时间</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up Showroom</source>
        <translation>展厅系统初始设置</translation>
    </message>
    <message>
        <source>Your store</source>
        <translation>门店信息</translation>
    </message>
    <message>
        <source>These details are printed on every document and vehicle card.</source>
        <translation>这些信息将打印在每份文件和车辆信息卡上。</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>e.g. 上海浦江汽车销售服务有限公司</source>
        <translation>例如：上海浦江汽车销售服务有限公司</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Sales hotline</source>
        <translation>销售热线</translation>
    </message>
    <message>
        <source>Complaint phone</source>
        <translation>投诉电话</translation>
    </message>
    <message>
        <source>Website (optional)</source>
        <translation>网站（选填）</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>首位管理员</translation>
    </message>
    <message>
        <source>The administrator creates the other staff accounts.</source>
        <translation>管理员负责创建其他员工账户。</translation>
    </message>
    <message>
        <source>Username</source>
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
        <translation>确认密码</translation>
    </message>
    <message>
        <source>At least 8 characters.</source>
        <translation>至少 8 个字符。</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
</context>
<context>
    <name>ShowroomBoard</name>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>展位</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>售价</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>信息卡</translation>
    </message>
    <message>
        <source>No card</source>
        <translation>无信息卡</translation>
    </message>
    <message>
        <source>Stale: {what}</source>
        <translation>需更新：{what}</translation>
    </message>
    <message>
        <source>Current v{version}</source>
        <translation>现行 v{version}</translation>
    </message>
    <message>
        <source>(no position)</source>
        <translation>（未分配展位）</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>NEV outside the NEV zone</source>
        <translation>新能源车不在新能源专区</translation>
    </message>
    <message>
        <source>production date missing: the card says the age is unknown</source>
        <translation>未登记生产日期：卡片注明车龄不详</translation>
    </message>
</context>
<context>
    <name>ShowroomPage</name>
    <message>
        <source>Issue card</source>
        <translation>签发信息卡</translation>
    </message>
    <message>
        <source>Print all missing/stale</source>
        <translation>打印全部缺失/需更新的信息卡</translation>
    </message>
    <message>
        <source>Move car…</source>
        <translation>移动车辆…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Layout:</source>
        <translation>版式：</translation>
    </message>
    <message>
        <source>Reprint card…</source>
        <translation>补打车卡…</translation>
    </message>
    <message>
        <source>Promotion…</source>
        <translation>促销活动…</translation>
    </message>
    <message>
        <source>Charging-pile offer…</source>
        <translation>充电桩服务…</translation>
    </message>
    <message>
        <source>Cars on display: {cars} · need a card: {need}</source>
        <translation>展车：{cars} 辆 · 需出卡：{need} 辆</translation>
    </message>
    <message>
        <source>Issuing cards…</source>
        <translation>正在签发信息卡…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Showroom cards</source>
        <translation>展车信息卡</translation>
    </message>
    <message>
        <source>Showroom cards ({count})</source>
        <translation>展车信息卡（{count} 张）</translation>
    </message>
    <message>
        <source>cancelled after {done} of {total}</source>
        <translation>已取消，完成 {done}/{total}</translation>
    </message>
    <message>
        <source>Showroom card</source>
        <translation>展厅车卡</translation>
    </message>
    <message>
        <source>Move car</source>
        <translation>移动车辆</translation>
    </message>
    <message>
        <source>Move to (● taken: the cars swap):</source>
        <translation>移至（● 已有车辆：两车互换）：</translation>
    </message>
    <message>
        <source>The scanned card {number} v{old} no longer counts: this car has no current card.</source>
        <translation>扫描的信息卡 {number} v{old} 已失效：该车目前没有现行信息卡。</translation>
    </message>
    <message>
        <source>The scanned card is an old version v{old}; the current one is v{new}.</source>
        <translation>扫描的是旧版信息卡 v{old}，当前为 v{new}。</translation>
    </message>
    <message>
        <source>Scanned: {car} ({vin})</source>
        <translation>已扫描：{car}（{vin}）</translation>
    </message>
    <message>
        <source>Old card</source>
        <translation>旧版信息卡</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Sales consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>陪同人员</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>技师</translation>
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
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>{role}: {name}</source>
        <translation>{role}：{name}</translation>
    </message>
    <message>
        <source>Signing: {document}</source>
        <translation>签署文件：{document}</translation>
    </message>
    <message>
        <source>Sign with your finger, a pen or the mouse, above the line.</source>
        <translation>请用手指、手写笔或鼠标在横线上方签名。</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Remove the last stroke</source>
        <translation>删除最后一笔</translation>
    </message>
    <message>
        <source>Confirm signature</source>
        <translation>确认签名</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Signature pad</source>
        <translation>签名板</translation>
    </message>
    <message>
        <source>Please sign in the box above the line.</source>
        <translation>请在框内横线上方签名。</translation>
    </message>
    <message>
        <source>This is too short to be a signature. Please write your full name, or clear and sign again.</source>
        <translation>签名过短，请写下您的全名，或清除后重新签名。</translation>
    </message>
    <message>
        <source>The signature is too small. Please sign larger, across the box.</source>
        <translation>签名过小，请在框内写大一些。</translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation>请在此签名</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Lead</source>
        <translation>意向</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>到店接待</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Test drive</source>
        <translation>试乘试驾</translation>
    </message>
    <message>
        <source>PDI inspection</source>
        <translation>PDI 检查</translation>
    </message>
    <message>
        <source>New account…</source>
        <translation>新建账户…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Roles…</source>
        <translation>角色…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Staff and qualifications</source>
        <translation>员工及资质</translation>
    </message>
    <message>
        <source>Open work of deactivated accounts (reassign or close it)</source>
        <translation>已停用账号的未完成工作（请转交或关闭）</translation>
    </message>
    <message>
        <source>Staff: {count}</source>
        <translation>员工数：{count}</translation>
    </message>
    <message>
        <source>{name} ({username}): {kind} #{id}</source>
        <translation>{name}（{username}）：{kind} #{id}</translation>
    </message>
</context>
<context>
    <name>StaffTableModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Licence first issued</source>
        <translation>驾照初次领证日期</translation>
    </message>
    <message>
        <source>PDI certificate</source>
        <translation>PDI 资质证书</translation>
    </message>
    <message>
        <source>Certificate expiry</source>
        <translation>证书有效期至</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>StartForm</name>
    <message>
        <source>Start the test drive</source>
        <translation>开始试驾</translation>
    </message>
    <message>
        <source>Still needed before departure:</source>
        <translation>出发前尚需完成：</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Change status</source>
        <translation>变更状态</translation>
    </message>
    <message>
        <source>Optional, kept in the vehicle&apos;s history</source>
        <translation>选填，记入车辆状态历史</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Current status</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <source>New status</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>No further status change is possible from this status.</source>
        <translation>当前状态下不能再变更。</translation>
    </message>
</context>
<context>
    <name>StoreNoticeDialog</name>
    <message>
        <source>New store notice</source>
        <translation>新建门店公示信息</translation>
    </message>
    <message>
        <source>The notice shows the store&apos;s name, address, sales hotline, complaint phone and complaint channels. You sign it on screen; it is then signed digitally with the store&apos;s certificate and kept in the archive.</source>
        <translation>公示信息包括门店名称、地址、销售热线、投诉电话和投诉渠道。您在屏幕上签名后，系统将以门店证书进行数字签章并存入档案。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>签名人</translation>
    </message>
    <message>
        <source>Sign and issue…</source>
        <translation>签名并签发…</translation>
    </message>
    <message>
        <source>Store notice</source>
        <translation>门店公示信息</translation>
    </message>
</context>
<context>
    <name>StoreTab</name>
    <message>
        <source>Legal name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Sales hotline</source>
        <translation>销售热线</translation>
    </message>
    <message>
        <source>Complaint phone</source>
        <translation>投诉电话</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>网址</translation>
    </message>
    <message>
        <source>Card QR link (optional)</source>
        <translation>信息卡二维码链接（选填）</translation>
    </message>
    <message>
        <source>Leave empty and vehicle-card QR codes carry the card&apos;s facts as text. With a web address, {vin} is replaced by the car&apos;s VIN; the card number and version are always added. Changing it makes every card stale until reprinted.</source>
        <translation>留空时，车辆信息卡二维码直接包含信息卡内容文字。填写网址时，{vin} 会替换为车辆 VIN，并始终附加信息卡编号和版本。修改后所有信息卡均需重新打印。</translation>
    </message>
    <message>
        <source>These details are printed on every document and vehicle card. A change applies to documents issued from now on; issued documents keep what they were signed with.</source>
        <translation>这些信息印在每份文件和车辆信息卡上。修改只对今后出具的文件生效；已出具的文件保留签署时的内容。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Visitor data kept</source>
        <translation>访客信息保存期限</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>SurveyDialog</name>
    <message>
        <source>Customer: {name}</source>
        <translation>客户：{name}</translation>
    </message>
    <message>
        <source>Record survey</source>
        <translation>记录调查</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>TableState</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Nothing to show yet.</source>
        <translation>暂无内容。</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>KPI targets</source>
        <translation>指标目标值</translation>
    </message>
    <message>
        <source>5.2.1 sets the minimum for each KPI (for the 12345 complaint rate, the maximum). A new target applies from its day on: a past period keeps the target it was judged against.</source>
        <translation>5.2.1 规定了各项指标的最低要求（12345 服务投诉率为最高限值）。新目标自生效日起适用：已过去的期间仍按当时的目标考核。</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>5.2.1 default</source>
        <translation>5.2.1 默认值</translation>
    </message>
    <message>
        <source>From</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>设定人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Set at</source>
        <translation>设定时间</translation>
    </message>
    <message>
        <source>Set target</source>
        <translation>设定目标</translation>
    </message>
    <message>
        <source>New target</source>
        <translation>新目标</translation>
    </message>
    <message>
        <source>e.g. the brand&apos;s dealer standard asks for 99 %</source>
        <translation>例如：品牌经销商标准要求 99 %</translation>
    </message>
    <message>
        <source>In effect from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>5.2.1</source>
        <translation>5.2.1</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>待生效</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>已被取代</translation>
    </message>
</context>
<context>
    <name>TasksTab</name>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>以后</translation>
    </message>
    <message>
        <source>Everyone&apos;s tasks</source>
        <translation>所有人的任务</translation>
    </message>
    <message>
        <source>Record outcome…</source>
        <translation>记录结果…</translation>
    </message>
    <message>
        <source>Survey…</source>
        <translation>满意度调查…</translation>
    </message>
    <message>
        <source>Plan lead follow-ups</source>
        <translation>安排意向客户跟进</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Export surveys…</source>
        <translation>导出满意度调查…</translation>
    </message>
    <message>
        <source>{today} due today · {overdue} overdue · {later} later</source>
        <translation>今日到期 {today} · 已超时 {overdue} · 以后 {later}</translation>
    </message>
    <message>
        <source>This month: called within 72 hours {calls} ({done}/{picked}, 3.14; {pending} still within their 72 hours) · satisfied {satisfied} ({yes}/{all}, 3.18)</source>
        <translation>本月：72小时内回访 {calls}（{done}/{picked}，3.14；{pending} 位仍在72小时内）· 满意 {satisfied}（{yes}/{all}，3.18）</translation>
    </message>
    <message>
        <source>Not satisfied: service recovery case #{id} opened.</source>
        <translation>客户不满意：已开立服务补救案例 #{id}。</translation>
    </message>
    <message>
        <source>Outcome recorded.</source>
        <translation>结果已记录。</translation>
    </message>
    <message>
        <source>Survey recorded: satisfied.</source>
        <translation>调查已记录：满意。</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Export surveys</source>
        <translation>导出满意度调查</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>{n} surveys exported to {path}</source>
        <translation>已导出 {n} 份调查到 {path}</translation>
    </message>
    <message>
        <source>{n} lead follow-ups planned.</source>
        <translation>已安排 {n} 条意向客户跟进。</translation>
    </message>
</context>
<context>
    <name>TestDriveDialog</name>
    <message>
        <source>Test drive</source>
        <translation>试乘试驾</translation>
    </message>
    <message>
        <source>{name} (on record; type a name only to use another)</source>
        <translation>{name}（已登记的姓名；仅在使用其他姓名时才填写）</translation>
    </message>
    <message>
        <source>1 Booking</source>
        <translation>1 预约</translation>
    </message>
    <message>
        <source>2 ID and licence</source>
        <translation>2 证件与驾照</translation>
    </message>
    <message>
        <source>3 Escort</source>
        <translation>3 陪同人员</translation>
    </message>
    <message>
        <source>4 Route and car check</source>
        <translation>4 路线确认与车辆检查</translation>
    </message>
    <message>
        <source>5 Weather</source>
        <translation>5 天气</translation>
    </message>
    <message>
        <source>6 Agreement</source>
        <translation>6 协议</translation>
    </message>
    <message>
        <source>7 Start</source>
        <translation>7 出发</translation>
    </message>
    <message>
        <source>8 Return</source>
        <translation>8 还车</translation>
    </message>
    <message>
        <source>{name} ({km} km, {minutes} min)</source>
        <translation>{name}（{km} 公里，约 {minutes} 分钟）</translation>
    </message>
    <message>
        <source>{customer} · {car} {plate} · {route} · {start}–{end} · {km} km</source>
        <translation>{customer} · {car} {plate} · {route} · {start}–{end} · {km} 公里</translation>
    </message>
    <message>
        <source>ID: {id} · licence: {licence} ({cls})</source>
        <translation>证件：{id} · 驾驶证：{licence}（{cls}）</translation>
    </message>
    <message>
        <source>Consent recorded.</source>
        <translation>已记录同意。</translation>
    </message>
    <message>
        <source>Route {route}, about {km} km, {start}–{end}. Please confirm with the customer.</source>
        <translation>路线 {route}，约 {km} 公里，{start}–{end}。请与客户确认。</translation>
    </message>
    <message>
        <source>Signed agreement {number} is in the archive.</source>
        <translation>已签署的协议 {number} 已归档。</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>预约</translation>
    </message>
    <message>
        <source>Move booking</source>
        <translation>改约</translation>
    </message>
    <message>
        <source>Save these steps first: {steps}</source>
        <translation>请先保存以下步骤：{steps}</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of steps</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Test-drive agreement</source>
        <translation>试乘试驾协议</translation>
    </message>
    <message>
        <source>Nothing: the drive may start.</source>
        <translation>无：可以出发。</translation>
    </message>
</context>
<context>
    <name>TestDriveModels</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Car</source>
        <translation>车辆</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Route</source>
        <translation>路线</translation>
    </message>
    <message>
        <source>Escort</source>
        <translation>陪同人员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source> (walk-in)</source>
        <translation>（到店）</translation>
    </message>
    <message>
        <source> · overdue</source>
        <translation> · 超时未还</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>里程</translation>
    </message>
    <message>
        <source>Typical time</source>
        <translation>约需时间</translation>
    </message>
    <message>
        <source>Police filing</source>
        <translation>交警备案</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Plate</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Transmission</source>
        <translation>变速箱</translation>
    </message>
    <message>
        <source>Compulsory insurance</source>
        <translation>交强险</translation>
    </message>
    <message>
        <source>Commercial insurance</source>
        <translation>商业险</translation>
    </message>
    <message>
        <source>Inspection</source>
        <translation>年检</translation>
    </message>
    <message>
        <source>Maintenance due</source>
        <translation>保养到期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状况</translation>
    </message>
    <message>
        <source>Cannot be booked</source>
        <translation>不可预约</translation>
    </message>
    <message>
        <source>Maintenance due {date}</source>
        <translation>{date} 保养到期</translation>
    </message>
    <message>
        <source>{what} expires {date}</source>
        <translation>{what} {date} 到期</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可用</translation>
    </message>
</context>
<context>
    <name>TestDrivesPage</name>
    <message>
        <source>Drives</source>
        <translation>试驾安排</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>试驾路线</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>试驾车辆</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>New test drive…</source>
        <translation>新建试乘试驾…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Cancel booking…</source>
        <translation>取消预约…</translation>
    </message>
    <message>
        <source>Add route…</source>
        <translation>新增路线…</translation>
    </message>
    <message>
        <source>Edit route…</source>
        <translation>编辑路线…</translation>
    </message>
    <message>
        <source>Print public notice…</source>
        <translation>打印路线公示…</translation>
    </message>
    <message>
        <source>Add car…</source>
        <translation>添加车辆…</translation>
    </message>
    <message>
        <source>Edit papers…</source>
        <translation>编辑证照…</translation>
    </message>
    <message>
        <source>Only {n} active test-drive route(s): at least two are recommended (T/CSCA 120031 4.2.4.3).</source>
        <translation>启用的试驾路线仅 {n} 条：建议至少两条（T/CSCA 120031 4.2.4.3）。</translation>
    </message>
    <message>
        <source>{plate}: maintenance is due on {date}.</source>
        <translation>{plate}：保养将于 {date} 到期。</translation>
    </message>
    <message>
        <source>{plate}: {what} expires on {date}.</source>
        <translation>{plate}：{what}将于 {date} 到期。</translation>
    </message>
    <message>
        <source>{plate} cannot be booked: {why}</source>
        <translation>{plate} 暂不可预约：{why}</translation>
    </message>
    <message>
        <source>Test-drive routes</source>
        <translation>试乘试驾路线公示</translation>
    </message>
</context>
<context>
    <name>UnmaskDialog</name>
    <message>
        <source>Show the full number</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>Seeing the full number is recorded in the audit log with your name and the purpose.</source>
        <translation>查看完整号码将连同您的姓名和用途记入审计日志。</translation>
    </message>
    <message>
        <source>e.g. checking the licence against the original</source>
        <translation>例如：与驾驶证原件核对</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>New staff account</source>
        <translation>新建员工账户</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Staff number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Driving licence first issued</source>
        <translation>驾照初次领证日期</translation>
    </message>
    <message>
        <source>PDI certificate number</source>
        <translation>PDI 资质证书编号</translation>
    </message>
    <message>
        <source>PDI certificate expiry</source>
        <translation>PDI 证书有效期至</translation>
    </message>
</context>
<context>
    <name>VehicleDialog</name>
    <message>
        <source>Add vehicle</source>
        <translation>新增车辆</translation>
    </message>
    <message>
        <source>Edit vehicle {vin}</source>
        <translation>编辑车辆 {vin}</translation>
    </message>
</context>
<context>
    <name>VehicleForm</name>
    <message>
        <source>Basics</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Configuration and performance</source>
        <translation>配置与性能</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>17 characters, e.g. LSVAB2180N2000001</source>
        <translation>17 位，例如 LSVAB2180N2000001</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>放行理由</translation>
    </message>
    <message>
        <source>Why the VIN is right although the check digit does not match</source>
        <translation>说明校验位不符但 VIN 仍正确的理由</translation>
    </message>
    <message>
        <source>Guide price (yuan)</source>
        <translation>厂商指导价（元）</translation>
    </message>
    <message>
        <source>e.g. 219900</source>
        <translation>例如 219900</translation>
    </message>
    <message>
        <source>Selling price (yuan)</source>
        <translation>销售价（元）</translation>
    </message>
    <message>
        <source>e.g. 199900</source>
        <translation>例如 199900</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>One item per line, e.g.
Panoramic sunroof
Adaptive cruise control</source>
        <translation>每行一项，例如：
全景天窗
自适应巡航</translation>
    </message>
    <message>
        <source>Range, battery and charging apply to plug-in hybrids and battery electric cars only.</source>
        <translation>续航、电池和充电信息仅适用于插电混动和纯电动车型。</translation>
    </message>
    <message>
        <source>Check-digit override on record: {reason}</source>
        <translation>已记录校验位放行：{reason}</translation>
    </message>
</context>
<context>
    <name>VehicleTableModel</name>
    <message>
        <source>VIN</source>
        <translation>VIN</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>品牌</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>车型</translation>
    </message>
    <message>
        <source>Trim</source>
        <translation>配置版本</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年款</translation>
    </message>
    <message>
        <source>Exterior colour</source>
        <translation>车身颜色</translation>
    </message>
    <message>
        <source>Powertrain</source>
        <translation>动力类型</translation>
    </message>
    <message>
        <source>Guide price</source>
        <translation>厂商指导价</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>销售价</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Production date</source>
        <translation>生产日期</translation>
    </message>
    <message>
        <source>VIN check digit overridden: {reason}</source>
        <translation>VIN 校验位已放行：{reason}</translation>
    </message>
</context>
<context>
    <name>Verification</name>
    <message>
        <source>Warning: this file was changed after it was signed. Nothing shown on its pages changed, but it is not the file this store signed.</source>
        <translation>警告：此文件在签章后被改动过。页面显示的内容没有变化，但它已不是本店签章的那份文件。</translation>
    </message>
    <message>
        <source>This version is unchanged since this store signed it, but it was replaced by version {version}. Do not rely on it; use the current version.</source>
        <translation>此版本自本店签章后未被改动，但已被第 {version} 版取代。请勿以此为准，请使用现行版本。</translation>
    </message>
    <message>
        <source>This document is unchanged since this store signed it, but it was voided. Do not rely on it.</source>
        <translation>此文件自本店签章后未被改动，但已作废。请勿以此为准。</translation>
    </message>
    <message>
        <source>The signed content no longer matches the signature (edited or rewritten).</source>
        <translation>签章所覆盖的内容与签章不再一致（文件被编辑或重写过）。</translation>
    </message>
    <message>
        <source>Page {page}: content changed.</source>
        <translation>第 {page} 页：内容被改动。</translation>
    </message>
    <message>
        <source>Page {page}: page size, crop box or rotation changed.</source>
        <translation>第 {page} 页：页面尺寸、裁切框或旋转被改动。</translation>
    </message>
    <message>
        <source>Page {page}: {what} added.</source>
        <translation>第 {page} 页：新增了{what}。</translation>
    </message>
    <message>
        <source>Page {page}: {what} changed.</source>
        <translation>第 {page} 页：{what}被改动。</translation>
    </message>
    <message>
        <source>Page {page}: {what} removed.</source>
        <translation>第 {page} 页：{what}被删除。</translation>
    </message>
    <message>
        <source>Page {page}: hidden {what} added.</source>
        <translation>第 {page} 页：新增了隐藏的{what}。</translation>
    </message>
    <message>
        <source>Page {page}: hidden {what} changed.</source>
        <translation>第 {page} 页：隐藏的{what}被改动。</translation>
    </message>
    <message>
        <source>Page {page}: hidden {what} removed.</source>
        <translation>第 {page} 页：隐藏的{what}被删除。</translation>
    </message>
    <message>
        <source>Page {page} added.</source>
        <translation>新增了第 {page} 页。</translation>
    </message>
    <message>
        <source>Page {page} removed.</source>
        <translation>第 {page} 页被删除。</translation>
    </message>
    <message>
        <source>Document title changed.</source>
        <translation>文件标题被改动。</translation>
    </message>
    <message>
        <source>Document metadata changed.</source>
        <translation>文件元数据被改动。</translation>
    </message>
    <message>
        <source>Document settings changed ({what}).</source>
        <translation>文件设置被改动（{what}）。</translation>
    </message>
    <message>
        <source>Form fields changed.</source>
        <translation>表单域被改动。</translation>
    </message>
    <message>
        <source>Data was appended after the end of the signed file.</source>
        <translation>签章文件的末尾之后被追加了数据。</translation>
    </message>
    <message>
        <source>A revision was added after signing.</source>
        <translation>签章后文件被追加了一个修订版本。</translation>
    </message>
    <message>
        <source>A revision that cannot be read was added after signing.</source>
        <translation>签章后文件被追加了一个无法读取的修订版本。</translation>
    </message>
    <message>
        <source>form or signature field</source>
        <translation>表单或签名域</translation>
    </message>
    <message>
        <source>text box</source>
        <translation>文本框</translation>
    </message>
    <message>
        <source>stamp</source>
        <translation>图章</translation>
    </message>
    <message>
        <source>note</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>手绘图形</translation>
    </message>
    <message>
        <source>link</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>annotation</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>What changed after signing:</source>
        <translation>签章后的改动：</translation>
    </message>
</context>
<context>
    <name>VisitHistoryModel</name>
    <message>
        <source>Arrival</source>
        <translation>到店时间</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>访客</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Consultant</source>
        <translation>销售顾问</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Test drive</source>
        <translation>试驾</translation>
    </message>
    <message>
        <source>Intent</source>
        <translation>意向级别</translation>
    </message>
    <message>
        <source>(anonymous)</source>
        <translation>（匿名）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>VisitHistoryPage</name>
    <message>
        <source>Last digits of a mobile, or the start of a name</source>
        <translation>手机号后几位，或姓名开头</translation>
    </message>
    <message>
        <source>Open customer…</source>
        <translation>打开客户档案…</translation>
    </message>
    <message>
        <source>Search by name or mobile to list customers.</source>
        <translation>按姓名或手机号搜索以列出客户。</translation>
    </message>
    <message>
        <source>Find a customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Visits, newest first</source>
        <translation>来访记录（最新在前）</translation>
    </message>
    <message>
        <source>No customer found.</source>
        <translation>未找到客户。</translation>
    </message>
</context>
<context>
    <name>VoidDocumentDialog</name>
    <message>
        <source>Void document</source>
        <translation>作废文件</translation>
    </message>
    <message>
        <source>{type} {number} v{version} will be marked voided. It stays in the archive and can still be opened; a corrected document is issued as a new version.</source>
        <translation>{type} {number} 第 {version} 版将被标记为作废。它仍保留在档案中并可打开；更正后的文件将作为新版本签发。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>WalkInOfferBox</name>
    <message>
        <source>Walk-in test drive</source>
        <translation>到店即时试驾</translation>
    </message>
    <message>
        <source>{plate} is not free now. Its next free time is {when}.</source>
        <translation>{plate} 现在不空闲，下一个空闲时段为 {when}。</translation>
    </message>
    <message>
        <source>Other cars free now: {cars}. Take one below, or choose it under Car.</source>
        <translation>现在空闲的其他车辆：{cars}。可点击下方按钮改用，或在“车辆”中选择。</translation>
    </message>
    <message>
        <source>Other cars free now: {cars}.</source>
        <translation>现在空闲的其他车辆：{cars}。</translation>
    </message>
    <message>
        <source>No other car is free now.</source>
        <translation>现在没有其他空闲车辆。</translation>
    </message>
    <message>
        <source>Book {when}</source>
        <translation>预约 {when}</translation>
    </message>
    <message>
        <source>Take {plate} now</source>
        <translation>现在改用 {plate}</translation>
    </message>
</context>
<context>
    <name>WeatherForm</name>
    <message>
        <source>Sales manager only: why the drive may go ahead</source>
        <translation>仅限销售经理：可以继续试驾的理由</translation>
    </message>
    <message>
        <source>Record weather</source>
        <translation>登记天气</translation>
    </message>
    <message>
        <source>In storm, heavy rain, heavy snow or dense fog test drives are advised against; they go ahead only with a sales manager&apos;s override.</source>
        <translation>暴风雨、大雨、大雪、大雾等天气不建议试乘试驾；如需进行，须经销售经理批准。</translation>
    </message>
    <message>
        <source>Weather</source>
        <translation>天气</translation>
    </message>
    <message>
        <source>Override reason</source>
        <translation>批准理由</translation>
    </message>
</context>
<context>
    <name>WithdrawConsentDialog</name>
    <message>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>The customer&apos;s name and mobile are erased now, open leads close as lost and booked appointments are cancelled. Visits stay in the traffic record, without the name.</source>
        <translation>客户的姓名和手机号将立即删除，未结意向以战败关闭，已约预约取消。来访仍保留在客流记录中，但不含姓名。</translation>
    </message>
    <message>
        <source>How the customer asked, e.g. by phone (optional, kept in the history)</source>
        <translation>客户如何提出，例如来电（选填，记入变更记录）</translation>
    </message>
    <message>
        <source>Withdraw and erase</source>
        <translation>撤回并删除</translation>
    </message>
</context>
<context>
    <name>WorkingDaysDialog</name>
    <message>
        <source>Working days</source>
        <translation>工作日历</translation>
    </message>
    <message>
        <source>The official holidays and swapped working days are known for {first}-{last}. Correct single days here; for a later year, enter its holidays and swapped days, then mark the year entered.</source>
        <translation>已知 {first}—{last} 年的法定节假日和调休工作日。可在此逐日修正；以后的年份，请先录入该年的节假日和调休日，再标记该年已录入。</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>Why, e.g. 2027 春节</source>
        <translation>原因，例如 2027 春节</translation>
    </message>
    <message>
        <source>Save day</source>
        <translation>保存该日</translation>
    </message>
    <message>
        <source>Year entered</source>
        <translation>该年已录入</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>working day</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Years entered by the store: {years}</source>
        <translation>门店已录入的年份：{years}</translation>
    </message>
</context>
</TS>
