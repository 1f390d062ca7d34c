<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>kp::AccountRules</name>
    <message>
        <source>Four eyes: another administrator changes the role of %1 or disables it, not %1.</source>
        <translation>四眼原则：须由另一位管理员更改 %1 的角色或将其停用，而不能由 %1 本人操作。</translation>
    </message>
    <message>
        <source>%1 is the desk&apos;s last administrator who can sign in: add another administrator first.</source>
        <translation>%1 是本工作台最后一个可以登录的管理员：请先添加另一位管理员。</translation>
    </message>
</context>
<context>
    <name>kp::AuditChain</name>
    <message>
        <source>Not a valid audit entry: %1</source>
        <translation>不是有效的审计条目：%1</translation>
    </message>
    <message>
        <source>the time “%1” is not of the form 2026-11-30T07:21:00.000Z</source>
        <translation>时间“%1”不符合 2026-11-30T07:21:00.000Z 的格式</translation>
    </message>
    <message>
        <source>the desk is empty</source>
        <translation>desk 为空</translation>
    </message>
    <message>
        <source>the actor is empty</source>
        <translation>actor 为空</translation>
    </message>
    <message>
        <source>the kind is empty</source>
        <translation>kind 为空</translation>
    </message>
    <message>
        <source>it must be a map of exactly n (uint), at, desk, actor, kind (text) and data (a map)</source>
        <translation>它必须是一个恰好包含 n（uint）、at、desk、actor、kind（文本）和 data（映射）的映射</translation>
    </message>
    <message>
        <source>n must be 1 or more</source>
        <translation>n 必须为 1 或更大</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>条目 %1：%2</translation>
    </message>
    <message>
        <source>n must be from 1 to 2^63 - 1</source>
        <translation>n 必须在 1 到 2^63 - 1 之间</translation>
    </message>
    <message>
        <source>the time is invalid or outside the years 1 to 9999</source>
        <translation>时间无效，或超出 1 至 9999 年的范围</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes after entry %3 (entries were removed or moved).</source>
        <translation>条目 %1 缺失：条目 %2 出现在条目 %3 之后（有条目被删除或移动）。</translation>
    </message>
    <message>
        <source>Entry %1 is missing: entry %2 comes again in its place (an entry was repeated or moved).</source>
        <translation>条目 %1 缺失：条目 %2 再次出现在其位置上（有条目被重复或移动）。</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: its hash does not follow from its content and entry %2 (it was changed, or not linked to the entry before it).</source>
        <translation>条目 %1 不成立：其哈希值无法由其内容和条目 %2 推出（它被更改过，或未与前一条目链接）。</translation>
    </message>
    <message>
        <source>Entry %1 does not hold: the trail up to it differs from the head known from elsewhere (an entry up to %1 was changed).</source>
        <translation>条目 %1 不成立：截至该条目的审计记录与从别处得知的链头不一致（截至 %1 的某个条目被更改过）。</translation>
    </message>
    <message>
        <source>Entry %1 is missing: the trail ends at entry %2, but entry %3 is known from elsewhere (entries were removed from its end).</source>
        <translation>条目 %1 缺失：审计记录止于条目 %2，但从别处得知存在条目 %3（有条目从末尾被删除）。</translation>
    </message>
</context>
<context>
    <name>kp::AuditExport</name>
    <message>
        <source>Could not write the audit export: %1</source>
        <translation>无法写入审计导出文件：%1</translation>
    </message>
    <message>
        <source>Entry %1: %2</source>
        <translation>条目 %1：%2</translation>
    </message>
    <message>
        <source>Entry %1: the export ends inside it.</source>
        <translation>条目 %1：导出文件在该条目中间结束。</translation>
    </message>
    <message>
        <source>Could not read the audit export: %1</source>
        <translation>无法读取审计导出文件：%1</translation>
    </message>
</context>
<context>
    <name>kp::AuthorityPki</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 holds no usable private key.</source>
        <translation>%1 中没有可用的私钥。</translation>
    </message>
    <message>
        <source>%1 holds no usable certificate.</source>
        <translation>%1 中没有可用的证书。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk authority folder.</source>
        <translation>%1 不是 KP Desk 主管机构文件夹。</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeReader</name>
    <message>
        <source>There is no file %1.</source>
        <translation>文件 %1 不存在。</translation>
    </message>
    <message>
        <source>The file %1 is empty.</source>
        <translation>文件 %1 为空。</translation>
    </message>
    <message>
        <source>The file %1 is too large for an image.</source>
        <translation>文件 %1 太大，不可能是图像。</translation>
    </message>
    <message>
        <source>The image %1 has more than %2 megapixels.</source>
        <translation>图像 %1 超过 %2 百万像素。</translation>
    </message>
    <message>
        <source>%1 is not a readable image (PNG, JPEG, TIFF or BMP): %2</source>
        <translation>%1 不是可读取的图像（PNG、JPEG、TIFF 或 BMP）：%2</translation>
    </message>
</context>
<context>
    <name>kp::BarcodeWriter</name>
    <message>
        <source>Cannot print this barcode: %1</source>
        <translation>无法打印此条码：%1</translation>
    </message>
    <message>
        <source>nothing to print.</source>
        <translation>没有可打印的内容。</translation>
    </message>
    <message>
        <source>Code 128 carries printable ASCII only.</source>
        <translation>Code 128 只能承载可打印的 ASCII 字符。</translation>
    </message>
    <message>
        <source>the encoder produced nothing.</source>
        <translation>编码器未生成任何内容。</translation>
    </message>
</context>
<context>
    <name>kp::Base45</name>
    <message>
        <source>Base45 text has a dangling single character.</source>
        <translation>Base45 文本末尾有一个落单的字符。</translation>
    </message>
    <message>
        <source>Base45 text has a character outside its alphabet.</source>
        <translation>Base45 文本含有其字母表以外的字符。</translation>
    </message>
    <message>
        <source>Base45 text has a group that decodes above 65535.</source>
        <translation>Base45 文本中有一组解码后大于 65535。</translation>
    </message>
    <message>
        <source>Base45 text has a final pair that decodes above 255.</source>
        <translation>Base45 文本的最后一对解码后大于 255。</translation>
    </message>
</context>
<context>
    <name>kp::BundleApplier</name>
    <message>
        <source>Cannot read the bundle %1: %2</source>
        <translation>无法读取数据包 %1：%2</translation>
    </message>
    <message>
        <source>The bundle is larger than any bundle can be.</source>
        <translation>该数据包大于任何数据包可能的大小。</translation>
    </message>
    <message>
        <source>The bundle does not start with a signed manifest: %1</source>
        <translation>该数据包不是以已签名的清单开头：%1</translation>
    </message>
    <message>
        <source>The bundle&apos;s manifest envelope is malformed: %1</source>
        <translation>数据包清单的封装格式错误：%1</translation>
    </message>
    <message>
        <source>The bundle is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>该数据包不是由本工作台的所属主管机构签名的（没有任何已固定的数据包密钥能验证它）。</translation>
    </message>
    <message>
        <source>The bundle manifest is malformed: %1</source>
        <translation>数据包清单格式错误：%1</translation>
    </message>
    <message>
        <source>a certificate record must be a byte string.</source>
        <translation>证书记录必须是字节串。</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (tag 18).</source>
        <translation>不是 COSE_Sign1（标签 18）。</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (an array of four).</source>
        <translation>不是 COSE_Sign1（四个元素的数组）。</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 has the wrong type).</source>
        <translation>不是 COSE_Sign1（元素 %1 的类型错误）。</translation>
    </message>
    <message>
        <source>not a COSE_Sign1 (element %1 is malformed).</source>
        <translation>不是 COSE_Sign1（元素 %1 格式错误）。</translation>
    </message>
    <message>
        <source>the signed payload is not a CBOR map.</source>
        <translation>签名的载荷不是 CBOR 映射。</translation>
    </message>
    <message>
        <source>the signed payload is malformed.</source>
        <translation>签名的载荷格式错误。</translation>
    </message>
    <message>
        <source>the record&apos;s no is not text.</source>
        <translation>记录的 no 不是文本。</translation>
    </message>
    <message>
        <source>the record has no certificate number (no).</source>
        <translation>该记录没有证书编号（no）。</translation>
    </message>
    <message>
        <source>a contact of role %1 cannot be for %2.</source>
        <translation>角色为 %1 的联系人不能用于 %2。</translation>
    </message>
    <message>
        <source>The bundle is published by %1, not by this desk&apos;s home authority %2.</source>
        <translation>该数据包由 %1 发布，而不是由本工作台的所属主管机构 %2 发布。</translation>
    </message>
    <message>
        <source>The bundle&apos;s seq %1 is not newer than the desk&apos;s seq %2: an old bundle cannot be applied again.</source>
        <translation>数据包的 seq %1 并不比工作台的 seq %2 新：旧数据包不能再次应用。</translation>
    </message>
    <message>
        <source>This delta applies to seq %1, but the desk is at seq %2.</source>
        <translation>此增量数据包适用于 seq %1，但工作台处于 seq %2。</translation>
    </message>
    <message>
        <source>The bundle is truncated: %1 bytes of parts are missing.</source>
        <translation>数据包被截断：缺少 %1 字节的部件数据。</translation>
    </message>
    <message>
        <source>The bundle has %1 unexpected bytes after its parts.</source>
        <translation>数据包的部件之后有 %1 个多余字节。</translation>
    </message>
    <message>
        <source>Cannot read the bundle: %1</source>
        <translation>无法读取数据包：%1</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not match its SHA-256 in the manifest: the bundle is damaged or was altered.</source>
        <translation>部件“%1”与清单中的 SHA-256 不符：数据包已损坏或被篡改。</translation>
    </message>
    <message>
        <source>Record %1 of part &apos;%2&apos; is malformed%3</source>
        <translation>部件“%2”的记录 %1 格式错误%3</translation>
    </message>
    <message>
        <source>The desk&apos;s data changed to seq %1 while this bundle was applied; nothing of it was kept.</source>
        <translation>应用此数据包期间，工作台的数据已变为 seq %1；该数据包的内容均未保留。</translation>
    </message>
    <message>
        <source>The part &apos;%1&apos; does not hold exactly %2 records in %3 bytes.</source>
        <translation>部件“%1”并非恰好在 %3 字节中包含 %2 条记录。</translation>
    </message>
</context>
<context>
    <name>kp::BundleManifest</name>
    <message>
        <source>The bundle manifest is not a map.</source>
        <translation>数据包清单不是映射。</translation>
    </message>
    <message>
        <source>Not a kpsync bundle (fmt).</source>
        <translation>不是 kpsync 数据包（fmt）。</translation>
    </message>
    <message>
        <source>Unsupported bundle version (v must be 1).</source>
        <translation>不支持的数据包版本（v 必须为 1）。</translation>
    </message>
    <message>
        <source>The manifest has no publisher (pub).</source>
        <translation>清单没有发布方（pub）。</translation>
    </message>
    <message>
        <source>The manifest&apos;s seq must be an integer of at least 1.</source>
        <translation>清单的 seq 必须是不小于 1 的整数。</translation>
    </message>
    <message>
        <source>The manifest&apos;s base must be an integer below seq.</source>
        <translation>清单的 base 必须是小于 seq 的整数。</translation>
    </message>
    <message>
        <source>The manifest&apos;s at and fresh must be RFC 3339 times.</source>
        <translation>清单的 at 和 fresh 必须是 RFC 3339 时间。</translation>
    </message>
    <message>
        <source>The manifest&apos;s parts must be an array.</source>
        <translation>清单的 parts 必须是数组。</translation>
    </message>
    <message>
        <source>A part has no name, or the part &apos;%1&apos; is repeated.</source>
        <translation>某个部件没有名称，或部件“%1”重复。</translation>
    </message>
    <message>
        <source>Part &apos;%1&apos; needs n, len and a 32-byte sha256.</source>
        <translation>部件“%1”需要 n、len 和 32 字节的 sha256。</translation>
    </message>
</context>
<context>
    <name>kp::BundleWriter</name>
    <message>
        <source>Cannot write the temporary part &apos;%1&apos;.</source>
        <translation>无法写入临时部件“%1”。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>kp::CacheDatabase</name>
    <message>
        <source>The desk cache %1 is locked by another program; try again when it has finished.</source>
        <translation>工作台缓存 %1 被另一个程序锁定；请在其完成后重试。</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: check the permissions of the file and of its folder (%2).</source>
        <translation>无法写入工作台缓存 %1：请检查该文件及其所在文件夹的权限（%2）。</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed (%2).</source>
        <translation>无法读取工作台缓存 %1：磁盘出现故障或已被移除（%2）。</translation>
    </message>
    <message>
        <source>The desk cache %1 is damaged (%2). Run &apos;kpdesk-cli repair&apos; to keep the desk&apos;s records and fetch the authority data again.</source>
        <translation>工作台缓存 %1 已损坏（%2）。请运行 &apos;kpdesk-cli repair&apos; 以保留工作台的记录并重新获取主管机构数据。</translation>
    </message>
    <message>
        <source>%1 is not a KP Desk cache (not an SQLite database).</source>
        <translation>%1 不是 KP Desk 缓存（不是 SQLite 数据库）。</translation>
    </message>
    <message>
        <source>Cannot open the desk cache %1: %2</source>
        <translation>无法打开工作台缓存 %1：%2</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: the file ends inside its header.</source>
        <translation>工作台缓存 %1 被截断：文件在文件头内部结束。</translation>
    </message>
    <message>
        <source>The desk cache %1 is truncated: it should hold %2 bytes but holds %3. Restore it from a backup, or run &apos;kpdesk-cli repair&apos; to keep what can be read.</source>
        <translation>工作台缓存 %1 被截断：它应有 %2 字节，但只有 %3 字节。请从备份恢复，或运行 &apos;kpdesk-cli repair&apos; 保留可读取的内容。</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be written: the disk is full or failing (%1). Nothing was changed; free some space and try again.</source>
        <translation>无法写入工作台缓存：磁盘已满或出现故障（%1）。未做任何更改；请释放一些空间后重试。</translation>
    </message>
    <message>
        <source>The desk&apos;s cache could not be read or written: %1</source>
        <translation>无法读取或写入工作台缓存：%1</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: %1</source>
        <translation>无法读取工作台数据：%1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a desk cache: give the path of a file (for example ./desk.sqlite).</source>
        <translation>&apos;%1&apos; 不能作为工作台缓存：请给出文件路径（例如 ./desk.sqlite）。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>%1 处没有工作台缓存。</translation>
    </message>
    <message>
        <source>%1 is an empty file, not a desk cache (run &apos;kpdesk-cli init&apos;).</source>
        <translation>%1 是空文件，不是工作台缓存（请运行 &apos;kpdesk-cli init&apos;）。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 由更新版本的 KP Desk 创建（架构 %2；本版本只支持 %3）。未对其做任何更改。</translation>
    </message>
    <message>
        <source>Cannot bring the desk cache %1 to schema %2: %3</source>
        <translation>无法将工作台缓存 %1 升级到架构 %2：%3</translation>
    </message>
    <message>
        <source>its schema version is %1, not %2.</source>
        <translation>其架构版本为 %1，而不是 %2。</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged: %1</source>
        <translation>工作台数据已损坏：%1</translation>
    </message>
    <message>
        <source>Cannot set up the desk cache %1.</source>
        <translation>无法设置工作台缓存 %1。</translation>
    </message>
    <message>
        <source>The desk cache %1 is being repaired; try again when the repair has finished.</source>
        <translation>工作台缓存 %1 正在修复；请在修复完成后重试。</translation>
    </message>
    <message>
        <source>The desk cache %1 is open in another program (a KP Desk window, a sync or a command): close it first, so that no record is written to the old file.</source>
        <translation>工作台缓存 %1 已在另一个程序中打开（KP Desk 窗口、同步或命令）：请先将其关闭，以免有记录写入旧文件。</translation>
    </message>
    <message>
        <source>The check of the desk&apos;s data was stopped.</source>
        <translation>工作台数据的检查已中止。</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be read: the disk is failing or was removed.</source>
        <translation>无法读取工作台缓存 %1：磁盘出现故障或已被移除。</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read: it is damaged (%1), so no certificate can be accepted on it. Repair the desk (kpdesk-cli repair), then sync.</source>
        <translation>无法读取工作台的数据：数据已损坏（%1），因此无法据此通过任何证书。请修复工作台（kpdesk-cli repair），然后同步。</translation>
    </message>
    <message>
        <source>the desk was synced (seq %1) but holds no participant list</source>
        <translation>工作台已同步（seq %1），但没有参与方列表</translation>
    </message>
    <message>
        <source>%1 can be read by other users of this computer, and this user cannot change that. Its owner must run: chmod 600 %1</source>
        <translation>%1 可被本计算机的其他用户读取，而当前用户无法更改这一点。其所有者必须运行：chmod 600 %1</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be written: its lock file %2 cannot be made (%3). Nothing was changed; check the permissions of the folder.</source>
        <translation>无法写入工作台缓存 %1：无法创建其锁文件 %2（%3）。未做任何更改；请检查该文件夹的权限。</translation>
    </message>
    <message>
        <source>The desk cache %1 cannot be used: its lock file %2 cannot be opened (%3). Nothing was changed. Remove %2 if it is not a plain file, then try again.</source>
        <translation>无法使用工作台缓存 %1：无法打开其锁文件 %2（%3）。未做任何更改。如果 %2 不是普通文件，请将其删除，然后重试。</translation>
    </message>
    <message>
        <source>%1: a sync source cannot carry a password (the desk&apos;s database would keep it in plain text). Publish the bundles where the desk reads them without one, or copy them to a folder the desk reads.</source>
        <translation>%1：同步来源中不能包含密码（工作台的数据库会以明文保存它）。请将数据包发布到工作台无需密码即可读取的位置，或将其复制到工作台读取的文件夹。</translation>
    </message>
</context>
<context>
    <name>kp::CacheRepair</name>
    <message>
        <source>There is no desk cache at %1.</source>
        <translation>%1 处没有工作台缓存。</translation>
    </message>
    <message>
        <source>Cannot make a new desk cache beside %1: %2</source>
        <translation>无法在 %1 旁边新建工作台缓存：%2</translation>
    </message>
    <message>
        <source>Cannot read the new desk cache&apos;s schema: %1</source>
        <translation>无法读取新工作台缓存的架构：%1</translation>
    </message>
    <message>
        <source>Cannot write the new desk cache: %1</source>
        <translation>无法写入新的工作台缓存：%1</translation>
    </message>
    <message>
        <source>Cannot keep the damaged file as %1.</source>
        <translation>无法将损坏的文件保留为 %1。</translation>
    </message>
    <message>
        <source>Cannot move the damaged file&apos;s journal beside %1.</source>
        <translation>无法将损坏文件的日志移到 %1 旁边。</translation>
    </message>
    <message>
        <source>Cannot put the repaired cache in place of %1; it is in %2.</source>
        <translation>无法用修复后的缓存替换 %1；它位于 %2。</translation>
    </message>
    <message>
        <source>The desk&apos;s last sync number cannot be read from %1, so a repair could let an older bundle undo a revocation or a release. Nothing was changed. Ask the authority for the number of its newest bundle (the seq of its index), then repair with it: kpdesk-cli repair --db %1 --min-seq NUMBER</source>
        <translation>无法从 %1 读取工作台的上次同步编号，因此修复可能会让较旧的数据包撤销某项吊销或放行。未做任何更改。请向主管机构询问其最新数据包的编号（其索引的 seq），然后用该编号修复：kpdesk-cli repair --db %1 --min-seq NUMBER</translation>
    </message>
</context>
<context>
    <name>kp::CacheWriter</name>
    <message>
        <source>Nothing to commit.</source>
        <translation>没有要提交的内容。</translation>
    </message>
    <message>
        <source>The desk cache has no table %1.</source>
        <translation>工作台缓存中没有表 %1。</translation>
    </message>
</context>
<context>
    <name>kp::CaseLife</name>
    <message>
        <source>A case starts with a flag, not with &apos;%1&apos;.</source>
        <translation>案件以标记存疑开始，而不是以“%1”开始。</translation>
    </message>
    <message>
        <source>A case that is &apos;%1&apos; cannot take &apos;%2&apos;.</source>
        <translation>处于“%1”状态的案件不能执行“%2”。</translation>
    </message>
    <message>
        <source>%1 is too large to attach (%2 MiB); the limit is %3 MiB per file.</source>
        <translation>%1 太大，无法附加（%2 MiB）；每个文件的上限为 %3 MiB。</translation>
    </message>
</context>
<context>
    <name>kp::CaseMessages</name>
    <message>
        <source>The case&apos;s inspection is not in the records.</source>
        <translation>案件的查验不在记录中。</translation>
    </message>
</context>
<context>
    <name>kp::CaseWords</name>
    <message>
        <source>Open</source>
        <translation>已开启</translation>
    </message>
    <message>
        <source>In review</source>
        <translation>审查中</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已决定</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Conflict: two decisions</source>
        <translation>冲突：两个决定</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已放行</translation>
    </message>
    <message>
        <source>Detained</source>
        <translation>已扣押</translation>
    </message>
    <message>
        <source>Seized</source>
        <translation>已没收</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒绝入境</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记存疑</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>已接手审查</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重新开启</translation>
    </message>
</context>
<context>
    <name>kp::Cbor</name>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR 格式错误：%1</translation>
    </message>
    <message>
        <source>CBOR data has more than %1 items.</source>
        <translation>CBOR 数据超过 %1 项。</translation>
    </message>
    <message>
        <source>CBOR data nests deeper than %1.</source>
        <translation>CBOR 数据嵌套深度超过 %1。</translation>
    </message>
    <message>
        <source>a container claims more elements than there are bytes</source>
        <translation>某个容器声明的元素数多于剩余字节数</translation>
    </message>
    <message>
        <source>a string claims more bytes than there are</source>
        <translation>某个字符串声明的字节数多于实际字节数</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>文本不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>CBOR data is larger than %1 bytes.</source>
        <translation>CBOR 数据大于 %1 字节。</translation>
    </message>
    <message>
        <source>Unexpected bytes after the CBOR data.</source>
        <translation>CBOR 数据之后有多余的字节。</translation>
    </message>
</context>
<context>
    <name>kp::CertificateRecord</name>
    <message>
        <source>The required field &apos;%1&apos; is missing.</source>
        <translation>缺少必填字段“%1”。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be text.</source>
        <translation>字段“%1”必须是文本。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is longer than %2 characters.</source>
        <translation>字段“%1”超过 %2 个字符。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an unsigned integer.</source>
        <translation>字段“%1”必须是无符号整数。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a date as YYYY-MM-DD.</source>
        <translation>字段“%1”必须是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be an array of text.</source>
        <translation>字段“%1”必须是文本数组。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; has more than %2 entries.</source>
        <translation>字段“%1”的条目超过 %2 个。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must be a map with &apos;n&apos; and &apos;a&apos;.</source>
        <translation>字段“%1”必须是包含 &apos;n&apos; 和 &apos;a&apos; 的映射。</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; must have a name &apos;n&apos; and an address &apos;a&apos;.</source>
        <translation>字段“%1”必须有名称 &apos;n&apos; 和地址 &apos;a&apos;。</translation>
    </message>
    <message>
        <source>The certificate record is not a CBOR map.</source>
        <translation>证书记录不是 CBOR 映射。</translation>
    </message>
    <message>
        <source>Schema version %1 is not supported (expected 1).</source>
        <translation>不支持架构版本 %1（应为 1）。</translation>
    </message>
    <message>
        <source>The field &apos;mix&apos; must be true or false.</source>
        <translation>字段 &apos;mix&apos; 必须为 true 或 false。</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; must be an array of at least one lot.</source>
        <translation>字段 &apos;lots&apos; 必须是至少包含一个批次的数组。</translation>
    </message>
    <message>
        <source>The field &apos;lots&apos; has more than %1 entries.</source>
        <translation>字段 &apos;lots&apos; 的条目超过 %1 个。</translation>
    </message>
    <message>
        <source>Each entry of &apos;lots&apos; must be a map with &apos;hs&apos;, &apos;cct&apos; and &apos;usd&apos;.</source>
        <translation>&apos;lots&apos; 的每个条目都必须是包含 &apos;hs&apos;、&apos;cct&apos; 和 &apos;usd&apos; 的映射。</translation>
    </message>
    <message>
        <source>The field &apos;org&apos; needs at least one country unless &apos;mix&apos; is true.</source>
        <translation>除非 &apos;mix&apos; 为 true，否则字段 &apos;org&apos; 至少需要一个国家。</translation>
    </message>
</context>
<context>
    <name>kp::Checks</name>
    <message>
        <source>The document signer belongs to %1, not to the issuer %2.</source>
        <translation>文件签名者属于 %1，而不属于签发方 %2。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate is not a document signer&apos;s.</source>
        <translation>签名者的证书不是文件签名者证书。</translation>
    </message>
    <message>
        <source>The document signer was not valid on the date of issue %1 (valid %2 to %3).</source>
        <translation>文件签名者在签发日期 %1 无效（有效期 %2 至 %3）。</translation>
    </message>
    <message>
        <source>The document signer was revoked on %1%2.</source>
        <translation>文件签名者已于 %1 被吊销%2。</translation>
    </message>
    <message>
        <source>The document signer does not chain to an authority CA of %1.</source>
        <translation>文件签名者未链接到 %1 的主管机构 CA。</translation>
    </message>
    <message>
        <source>The signer&apos;s issuing certificate is not an authority CA of %1.</source>
        <translation>签名者的签发证书不是 %1 的主管机构 CA。</translation>
    </message>
    <message>
        <source>The authority CA of %1 that issued the signer was revoked on %2.</source>
        <translation>签发该签名者的 %1 主管机构 CA 已于 %2 被吊销。</translation>
    </message>
    <message>
        <source>The authority CA of %1 was not valid on the date of issue %2.</source>
        <translation>%1 的主管机构 CA 在签发日期 %2 无效。</translation>
    </message>
    <message>
        <source>Signed by %1, a document signer of %2&apos;s authority, valid on %3.</source>
        <translation>由 %1 签名，为 %2 主管机构的文件签名者，在 %3 有效。</translation>
    </message>
    <message>
        <source>Unsupported signature algorithm %1.</source>
        <translation>不支持的签名算法 %1。</translation>
    </message>
    <message>
        <source>Not checked: the signature is unusable.</source>
        <translation>未检查：签名不可用。</translation>
    </message>
    <message>
        <source>The key identifier (kid) must be 8 bytes, not %1.</source>
        <translation>密钥标识符（kid）必须为 8 字节，而不是 %1 字节。</translation>
    </message>
    <message>
        <source>Not checked: no usable key identifier.</source>
        <translation>未检查：没有可用的密钥标识符。</translation>
    </message>
    <message>
        <source>Not checked: no known document signer has this key identifier.</source>
        <translation>未检查：没有已知的文件签名者具有此密钥标识符。</translation>
    </message>
    <message>
        <source>The signer is unknown to this desk&apos;s data, which is out of date: sync and scan again.</source>
        <translation>本工作台的数据中没有该签名者，且数据已过期：请同步后重新扫描。</translation>
    </message>
    <message>
        <source>The signer (kid %1) is unknown to the authorities&apos; data.</source>
        <translation>主管机构的数据中没有该签名者（kid %1）。</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the signer&apos;s key.</source>
        <translation>算法 %1 与签名者的密钥不匹配。</translation>
    </message>
    <message>
        <source>The signature does not verify with the signer&apos;s key: the record was altered or forged.</source>
        <translation>签名无法用签名者的密钥验证：该记录已被篡改或伪造。</translation>
    </message>
    <message>
        <source>%1 signature verified.</source>
        <translation>%1 签名已验证。</translation>
    </message>
    <message>
        <source>The signer&apos;s certificate in the desk&apos;s data is unreadable.</source>
        <translation>工作台数据中该签名者的证书无法读取。</translation>
    </message>
    <message>
        <source>Not checked: the signature did not verify.</source>
        <translation>未检查：签名未通过验证。</translation>
    </message>
    <message>
        <source>The registry holds the same record.</source>
        <translation>登记册中存有相同的记录。</translation>
    </message>
    <message>
        <source>The registry holds a different record for %1: the barcode does not match what the issuer registered.</source>
        <translation>登记册中 %1 的记录与此不同：条码与签发方登记的内容不符。</translation>
    </message>
    <message>
        <source>The registry (published %1) has no record of this certificate, issued %2.</source>
        <translation>登记册（发布于 %1）中没有这份于 %2 签发的证书的记录。</translation>
    </message>
    <message>
        <source>Issued after the desk&apos;s registry data; not yet listed.</source>
        <translation>签发时间晚于工作台的登记册数据；尚未列入。</translation>
    </message>
    <message>
        <source>Revoked as %1 by %2 on %3.</source>
        <translation>已由 %2 于 %3 吊销（%1）。</translation>
    </message>
    <message>
        <source>Not revoked.</source>
        <translation>未被吊销。</translation>
    </message>
    <message>
        <source>already imported elsewhere (reported by %1 on %2)</source>
        <translation>已在别处进口（由 %1 于 %2 报告）</translation>
    </message>
    <message>
        <source>Possible re-use: %1.</source>
        <translation>可能被重复使用：%1。</translation>
    </message>
    <message>
        <source>This desk has never been synced: its data cannot vouch for anything.</source>
        <translation>本工作台从未同步过：其数据无法证明任何事项。</translation>
    </message>
    <message>
        <source>The desk&apos;s data (seq %1) is older than what it had before its repair (seq %2): sync again before relying on it.</source>
        <translation>工作台的数据（seq %1）比修复前的数据（seq %2）旧：请先重新同步再依赖它。</translation>
    </message>
    <message>
        <source>The desk&apos;s clock (%1) is earlier than the newest data (%2): check the clock.</source>
        <translation>工作台的时钟（%1）早于最新数据的时间（%2）：请检查时钟。</translation>
    </message>
    <message>
        <source>The desk&apos;s data is out of date since %1: sync as soon as possible.</source>
        <translation>工作台的数据自 %1 起已过期：请尽快同步。</translation>
    </message>
    <message>
        <source>Data %1 published %2, fresh until %3.</source>
        <translation>数据 %1 发布于 %2，有效至 %3。</translation>
    </message>
    <message>
        <source>The certificate number &quot;%1&quot; is not 4-32 of A-Z, 0-9, - and /.</source>
        <translation>证书编号“%1”不是由 4 至 32 个 A-Z、0-9、- 和 / 组成的。</translation>
    </message>
    <message>
        <source>The certificate number %1 does not start with the issuer&apos;s code %2.</source>
        <translation>证书编号 %1 不是以签发方代码 %2 开头的。</translation>
    </message>
    <message>
        <source>The importing participant &quot;%1&quot; is not a participant code.</source>
        <translation>进口参与方“%1”不是参与方代码。</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a two-letter code.</source>
        <translation>原产国“%1”不是两个字母的代码。</translation>
    </message>
    <message>
        <source>HS code %1 is not rough diamonds (7102.10, 7102.21 or 7102.31).</source>
        <translation>HS 编码 %1 不是毛坯钻石（7102.10、7102.21 或 7102.31）。</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a carat weight of zero.</source>
        <translation>某批次（HS %1）的克拉重量为零。</translation>
    </message>
    <message>
        <source>A lot (HS %1) has a value of zero.</source>
        <translation>某批次（HS %1）的价值为零。</translation>
    </message>
    <message>
        <source>The certificate lists no lots.</source>
        <translation>证书未列出任何批次。</translation>
    </message>
    <message>
        <source>The number of parcels must be at least 1.</source>
        <translation>包裹数量必须至少为 1。</translation>
    </message>
    <message>
        <source>The date of expiry %1 is not after the date of issue %2.</source>
        <translation>有效期截止日期 %1 不晚于签发日期 %2。</translation>
    </message>
    <message>
        <source>Valid for %1 days, longer than the %2 days allowed.</source>
        <translation>有效期为 %1 天，超过允许的 %2 天。</translation>
    </message>
    <message>
        <source>The KPCS minimum content is present and consistent.</source>
        <translation>KPCS 最低内容要求齐全且一致。</translation>
    </message>
    <message>
        <source>Expired on %1 (inspection date %2).</source>
        <translation>已于 %1 过期（查验日期 %2）。</translation>
    </message>
    <message>
        <source>Issued on %1, after the inspection date %2.</source>
        <translation>签发于 %1，晚于查验日期 %2。</translation>
    </message>
    <message>
        <source>Valid from %1 to %2; %3 days left.</source>
        <translation>有效期 %1 至 %2；剩余 %3 天。</translation>
    </message>
    <message>
        <source>The certificate is addressed to %1, not to this desk&apos;s participant %2.</source>
        <translation>该证书的收件方是 %1，而不是本工作台的参与方 %2。</translation>
    </message>
    <message>
        <source>Not checked: this desk has no participant data yet (sync first).</source>
        <translation>未检查：本工作台尚无参与方数据（请先同步）。</translation>
    </message>
    <message>
        <source>%1 was not a KP participant on %2.</source>
        <translation>%1 在 %2 不是 KP 参与方。</translation>
    </message>
    <message>
        <source>%1 was %2 on %3%4.</source>
        <translation>%1 于 %3 处于“%2”状态%4。</translation>
    </message>
    <message>
        <source>the issuer %1 was restricted on %2%3</source>
        <translation>签发方 %1 于 %2 受到限制%3</translation>
    </message>
    <message>
        <source>the origin %1 was %2 on %3</source>
        <translation>原产地 %1 于 %3 处于“%2”状态</translation>
    </message>
    <message>
        <source>Examine: %1.</source>
        <translation>需查看：%1。</translation>
    </message>
    <message>
        <source>%1 was an active participant on %2; addressed to %3.</source>
        <translation>%1 于 %2 为有效参与方；收件方为 %3。</translation>
    </message>
    <message>
        <source>issued by %1</source>
        <translation>由 %1 签发</translation>
    </message>
    <message>
        <source>of %1 origin</source>
        <translation>原产于 %1</translation>
    </message>
    <message>
        <source>Diamonds %1 are banned by national law from %2%3.</source>
        <translation>%1的钻石自 %2 起被国家法律禁止%3。</translation>
    </message>
    <message>
        <source>No national ban applies.</source>
        <translation>不适用任何国家禁令。</translation>
    </message>
    <message>
        <source>No gem or unsorted lots to compare with a value band.</source>
        <translation>没有可与价值区间比较的宝石级或未分选批次。</translation>
    </message>
    <message>
        <source>No value band for this origin.</source>
        <translation>该原产地没有价值区间。</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1-%2</translation>
    </message>
    <message>
        <source>mixed or several origins</source>
        <translation>混合或多个原产地</translation>
    </message>
    <message>
        <source>US$ %1 per carat is outside the usual range of US$ %2 for %3.</source>
        <translation>每克拉 %1 美元，超出 %3 通常的 %2 美元区间。</translation>
    </message>
    <message>
        <source>US$ %1 per carat, within US$ %2 for %3.</source>
        <translation>每克拉 %1 美元，在 %3 的 %2 美元区间内。</translation>
    </message>
    <message>
        <source>The national bans in the desk&apos;s data are malformed, so no ban can be checked: sync again, and tell the authority if this stays.</source>
        <translation>工作台数据中的国家禁令格式错误，因此无法检查任何禁令：请重新同步；如果问题持续，请告知主管机构。</translation>
    </message>
    <message>
        <source>active</source>
        <comment>participant status</comment>
        <translation>有效</translation>
    </message>
    <message>
        <source>suspended</source>
        <comment>participant status</comment>
        <translation>暂停</translation>
    </message>
    <message>
        <source>restricted</source>
        <comment>participant status</comment>
        <translation>受限</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <comment>participant status</comment>
        <translation>已退出</translation>
    </message>
    <message>
        <source>lost</source>
        <comment>revocation status</comment>
        <translation>遗失</translation>
    </message>
    <message>
        <source>stolen</source>
        <comment>revocation status</comment>
        <translation>被盗</translation>
    </message>
    <message>
        <source>cancelled</source>
        <comment>revocation status</comment>
        <translation>已注销</translation>
    </message>
    <message>
        <source>fraudulent</source>
        <comment>revocation status</comment>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>already imported</source>
        <comment>revocation status</comment>
        <translation>已进口</translation>
    </message>
    <message>
        <source>Not a KP1 barcode nor a certificate number.</source>
        <translation>既不是 KP1 条码，也不是证书编号。</translation>
    </message>
    <message>
        <source>The barcode is damaged or malformed: %1</source>
        <translation>条码已损坏或格式错误：%1</translation>
    </message>
    <message>
        <source>Not checked: the certificate could not be read.</source>
        <translation>未检查：无法读取证书。</translation>
    </message>
    <message>
        <source>A well-formed KP1 barcode.</source>
        <translation>格式正确的 KP1 条码。</translation>
    </message>
    <message>
        <source>A certificate number.</source>
        <translation>证书编号。</translation>
    </message>
    <message>
        <source>Not checked: the registry&apos;s record could not be read.</source>
        <translation>未检查：无法读取登记册的记录。</translation>
    </message>
    <message>
        <source>The registry holds no record of %1: nothing can vouch for this certificate.</source>
        <translation>登记册中没有 %1 的记录：没有任何依据能证明这份证书。</translation>
    </message>
    <message>
        <source>Not checked: there is no signed record for this number.</source>
        <translation>未检查：此编号没有已签名的记录。</translation>
    </message>
    <message>
        <source>The registry&apos;s record for this number is malformed: %1</source>
        <translation>登记册中此编号的记录格式错误：%1</translation>
    </message>
    <message>
        <source>A certificate number; its signed registry record was checked.</source>
        <translation>证书编号；已检查其在登记册中的签名记录。</translation>
    </message>
    <message>
        <source>The registry holds a signed record.</source>
        <translation>登记册中存有已签名的记录。</translation>
    </message>
    <message>
        <source>a shipment under this certificate was already released at this desk on %1 (releases here: %2)</source>
        <translation>此证书项下的一批货物已于 %1 在本工作台放行（在此放行次数：%2）</translation>
    </message>
    <message>
        <source>No shipment under this certificate was released before.</source>
        <translation>此前未曾放行过此证书项下的货物。</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名者</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Validity dates</source>
        <translation>有效日期</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>参与方</translation>
    </message>
    <message>
        <source>Sanctions</source>
        <translation>制裁</translation>
    </message>
    <message>
        <source>Registry</source>
        <translation>登记册</translation>
    </message>
    <message>
        <source>Revocation</source>
        <translation>吊销</translation>
    </message>
    <message>
        <source>Used before</source>
        <translation>曾使用</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <source>Data freshness</source>
        <translation>数据时效</translation>
    </message>
    <message>
        <source>Not a certificate: check what you typed.</source>
        <translation>不是证书：请检查您输入的内容。</translation>
    </message>
    <message>
        <source>&quot;KP&quot; is not a country of origin: a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>“KP”不是原产国：证书应写明钻石开采所在的国家，或标明为混合原产地。</translation>
    </message>
    <message>
        <source>The country of origin &quot;%1&quot; is not a country (ISO 3166-1): a certificate names the countries where the diamonds were mined, or is marked as of mixed origin.</source>
        <translation>原产国“%1”不是国家（ISO 3166-1）：证书应写明钻石开采所在的国家，或标明为混合原产地。</translation>
    </message>
    <message>
        <source>The lots&apos; carat weights add up to more than any shipment can weigh.</source>
        <translation>各批次的克拉重量总和超过了任何一批货物可能的重量。</translation>
    </message>
    <message>
        <source>The lots&apos; values add up to more than any shipment can be worth.</source>
        <translation>各批次的价值总和超过了任何一批货物可能的价值。</translation>
    </message>
    <message>
        <source>The lots&apos; values or weights add up to more than any shipment: examine the certificate.</source>
        <translation>各批次的价值或重量总和超过了任何一批货物的可能范围：请查看证书。</translation>
    </message>
</context>
<context>
    <name>kp::CoseSign1</name>
    <message>
        <source>Not a COSE_Sign1: the CBOR tag is not 18.</source>
        <translation>不是 COSE_Sign1：CBOR 标签不是 18。</translation>
    </message>
    <message>
        <source>Not a COSE_Sign1: expected an array of four elements.</source>
        <translation>不是 COSE_Sign1：应为包含四个元素的数组。</translation>
    </message>
    <message>
        <source>The COSE protected header must be a byte string.</source>
        <translation>COSE 受保护头必须是字节串。</translation>
    </message>
    <message>
        <source>The COSE unprotected header must be a map.</source>
        <translation>COSE 未受保护头必须是映射。</translation>
    </message>
    <message>
        <source>The COSE payload must be a byte string (detached payloads are not allowed).</source>
        <translation>COSE 载荷必须是字节串（不允许分离式载荷）。</translation>
    </message>
    <message>
        <source>The COSE signature must be a byte string.</source>
        <translation>COSE 签名必须是字节串。</translation>
    </message>
    <message>
        <source>The COSE protected header is not a map.</source>
        <translation>COSE 受保护头不是映射。</translation>
    </message>
    <message>
        <source>The COSE protected header has no integer algorithm (label 1).</source>
        <translation>COSE 受保护头没有整数形式的算法（标签 1）。</translation>
    </message>
    <message>
        <source>The COSE key identifier (label 4) must be a byte string.</source>
        <translation>COSE 密钥标识符（标签 4）必须是字节串。</translation>
    </message>
</context>
<context>
    <name>kp::CoseSigning</name>
    <message>
        <source>The signature does not verify with any trusted key.</source>
        <translation>签名无法用任何受信任的密钥验证。</translation>
    </message>
</context>
<context>
    <name>kp::Crypto</name>
    <message>
        <source>Not an X.509 certificate.</source>
        <translation>不是 X.509 证书。</translation>
    </message>
    <message>
        <source>Unexpected bytes after the X.509 certificate.</source>
        <translation>X.509 证书之后有多余的字节。</translation>
    </message>
    <message>
        <source>No certificate.</source>
        <translation>没有证书。</translation>
    </message>
    <message>
        <source>The certificate was not issued by %1.</source>
        <translation>该证书不是由 %1 签发的。</translation>
    </message>
    <message>
        <source>The certificate&apos;s signature does not verify with %1&apos;s key.</source>
        <translation>证书的签名无法用 %1 的密钥验证。</translation>
    </message>
    <message>
        <source>A key is missing.</source>
        <translation>缺少密钥。</translation>
    </message>
    <message>
        <source>Cannot set the certificate&apos;s name: %1</source>
        <translation>无法设置证书的名称：%1</translation>
    </message>
    <message>
        <source>Cannot add the certificate&apos;s extensions: %1</source>
        <translation>无法添加证书的扩展：%1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate: %1</source>
        <translation>无法签署证书：%1</translation>
    </message>
    <message>
        <source>A certificate request needs a country and a common name.</source>
        <translation>证书请求需要国家和通用名称。</translation>
    </message>
    <message>
        <source>Cannot make the certificate request: %1</source>
        <translation>无法生成证书请求：%1</translation>
    </message>
    <message>
        <source>Cannot set the request&apos;s name: %1</source>
        <translation>无法设置请求的名称：%1</translation>
    </message>
    <message>
        <source>Cannot sign the certificate request: %1</source>
        <translation>无法签署证书请求：%1</translation>
    </message>
    <message>
        <source>Not a certificate request.</source>
        <translation>不是证书请求。</translation>
    </message>
    <message>
        <source>The certificate request&apos;s key is not one KP Desk uses.</source>
        <translation>证书请求的密钥不是 KP Desk 所用的类型。</translation>
    </message>
    <message>
        <source>The certificate request&apos;s signature does not verify.</source>
        <translation>证书请求的签名未通过验证。</translation>
    </message>
    <message>
        <source>Not a P-256, RSA (2048 bits or more) or Ed25519 public key.</source>
        <translation>不是 P-256、RSA（2048 位或以上）或 Ed25519 公钥。</translation>
    </message>
    <message>
        <source>No usable public key in the PEM text.</source>
        <translation>PEM 文本中没有可用的公钥。</translation>
    </message>
    <message>
        <source>A P-256 coordinate is longer than 32 bytes.</source>
        <translation>P-256 坐标长于 32 字节。</translation>
    </message>
    <message>
        <source>Not a point on P-256.</source>
        <translation>不是 P-256 曲线上的点。</translation>
    </message>
    <message>
        <source>An Ed25519 public key is 32 bytes.</source>
        <translation>Ed25519 公钥为 32 字节。</translation>
    </message>
    <message>
        <source>Not an Ed25519 public key.</source>
        <translation>不是 Ed25519 公钥。</translation>
    </message>
    <message>
        <source>Not an RSA public key of 2048 bits or more.</source>
        <translation>不是 2048 位或以上的 RSA 公钥。</translation>
    </message>
    <message>
        <source>Key generation failed: %1</source>
        <translation>密钥生成失败：%1</translation>
    </message>
    <message>
        <source>No usable unencrypted private key in the PEM text.</source>
        <translation>PEM 文本中没有可用的未加密私钥。</translation>
    </message>
    <message>
        <source>Not a P-256 key pair.</source>
        <translation>不是 P-256 密钥对。</translation>
    </message>
    <message>
        <source>An Ed25519 private key is 32 bytes.</source>
        <translation>Ed25519 私钥为 32 字节。</translation>
    </message>
    <message>
        <source>Not an Ed25519 private key.</source>
        <translation>不是 Ed25519 私钥。</translation>
    </message>
    <message>
        <source>The algorithm %1 does not match the key.</source>
        <translation>算法 %1 与密钥不匹配。</translation>
    </message>
    <message>
        <source>An ES256 signature is 64 bytes, not %1.</source>
        <translation>ES256 签名为 64 字节，而不是 %1 字节。</translation>
    </message>
    <message>
        <source>An EdDSA signature is 64 bytes, not %1.</source>
        <translation>EdDSA 签名为 64 字节，而不是 %1 字节。</translation>
    </message>
    <message>
        <source>The signature does not verify.</source>
        <translation>签名未通过验证。</translation>
    </message>
    <message>
        <source>Signing failed: %1</source>
        <translation>签名失败：%1</translation>
    </message>
</context>
<context>
    <name>kp::DemoDesk</name>
    <message>
        <source>No demo issuer for %1.</source>
        <translation>没有 %1 的演示签发方。</translation>
    </message>
    <message>
        <source>Kimberley Process Certificate</source>
        <translation>金伯利进程证书</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Cannot clear %1.</source>
        <translation>无法清除 %1。</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <source>Botswana, genuine (ES256, QR)</source>
        <translation>博茨瓦纳，真实（ES256，QR）</translation>
    </message>
    <message>
        <source>Namibia, genuine (EdDSA, Data Matrix)</source>
        <translation>纳米比亚，真实（EdDSA，Data Matrix）</translation>
    </message>
    <message>
        <source>Canada, genuine (PS256, QR)</source>
        <translation>加拿大，真实（PS256，QR）</translation>
    </message>
    <message>
        <source>Canada, number only (Code 128), checked against the registry</source>
        <translation>加拿大，仅编号（Code 128），已对照登记册检查</translation>
    </message>
    <message>
        <source>Forged: carats altered after signing</source>
        <translation>伪造：签名后克拉数被篡改</translation>
    </message>
    <message>
        <source>Forged: signed by a rogue key</source>
        <translation>伪造：由非法密钥签名</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Reported stolen (delta bundle)</source>
        <translation>已报告被盗（增量数据包）</translation>
    </message>
    <message>
        <source>Already imported elsewhere</source>
        <translation>已在别处进口</translation>
    </message>
    <message>
        <source>Russian origin: national ban</source>
        <translation>原产俄罗斯：国家禁令</translation>
    </message>
    <message>
        <source>Value far below the usual range</source>
        <translation>价值远低于通常区间</translation>
    </message>
    <message>
        <source>Addressed to another participant</source>
        <translation>收件方为其他参与方</translation>
    </message>
    <message>
        <source>Number unknown to the registry (Code 128)</source>
        <translation>登记册中没有此编号（Code 128）</translation>
    </message>
    <message>
        <source>KP Desk DEMO DESK. Everything here (keys, certificates, bundles) is demo data made by &apos;kpdesk-cli demo&apos;; none of it is a real Kimberley Process certificate.
</source>
        <translation>KP Desk 演示 DEMO 工作台。此处的一切（密钥、证书、数据包）都是由 &apos;kpdesk-cli demo&apos; 生成的演示数据；其中没有任何一份是真实的金伯利进程证书。
</translation>
    </message>
</context>
<context>
    <name>kp::DeskEnrolment</name>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>无法写入工作台的审计记录：%1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 过大。</translation>
    </message>
</context>
<context>
    <name>kp::DeskIdentity</name>
    <message>
        <source>Enrol it: &apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;, have the home authority sign the request (&apos;kpdesk-cli authority enrol&apos;), then &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;.</source>
        <translation>请进行注册：&apos;kpdesk-cli enrol --db %1 --desk-id ID --csr-out FILE.pem&apos;，让所属主管机构签署该请求（&apos;kpdesk-cli authority enrol&apos;），然后运行 &apos;kpdesk-cli enrol --db %1 --install CERT.pem&apos;。</translation>
    </message>
    <message>
        <source>Cannot write the desk&apos;s key file %1: %2</source>
        <translation>无法写入工作台的密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 is missing.</source>
        <translation>缺少工作台的密钥文件 %1。</translation>
    </message>
    <message>
        <source>Cannot read the desk&apos;s key file %1: %2</source>
        <translation>无法读取工作台的密钥文件 %1：%2</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 can be read by other users: it must be readable by the desk&apos;s user only (chmod 600), and the desk enrolled again if others may have read it.</source>
        <translation>工作台的密钥文件 %1 可被其他用户读取：它必须只能由工作台的用户读取（chmod 600）；如果其他人可能已读取过，须重新注册工作台。</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 holds no usable private key.</source>
        <translation>工作台的密钥文件 %1 中没有可用的私钥。</translation>
    </message>
    <message>
        <source>The desk has no participant yet: run &apos;kpdesk-cli init&apos; first.</source>
        <translation>工作台尚无参与方：请先运行 &apos;kpdesk-cli init&apos;。</translation>
    </message>
    <message>
        <source>The certificate is a CA certificate, not a desk certificate.</source>
        <translation>该证书是 CA 证书，不是工作台证书。</translation>
    </message>
    <message>
        <source>The certificate does not allow digital signatures.</source>
        <translation>该证书不允许数字签名。</translation>
    </message>
    <message>
        <source>The certificate does not allow client authentication (extended key usage clientAuth).</source>
        <translation>该证书不允许客户端身份验证（扩展密钥用法 clientAuth）。</translation>
    </message>
    <message>
        <source>The desk holds no authority CA of %1: sync the desk with its home authority first.</source>
        <translation>本工作台没有 %1 的主管机构 CA：请先与所属主管机构同步。</translation>
    </message>
    <message>
        <source>The certificate was not issued by an authority CA of %1 that the desk holds.</source>
        <translation>该证书不是由本工作台所持有的 %1 主管机构 CA 签发的。</translation>
    </message>
    <message>
        <source>This desk is not enrolled with its home authority.</source>
        <translation>本工作台尚未在所属主管机构注册。</translation>
    </message>
    <message>
        <source>The desk&apos;s installed certificate cannot be read.</source>
        <translation>无法读取工作台已安装的证书。</translation>
    </message>
    <message>
        <source>The desk&apos;s key file %1 does not match its certificate.</source>
        <translation>工作台的密钥文件 %1 与其证书不匹配。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2: use the participant code, the post and the desk, e.g. %2-ANR-03.</source>
        <translation>&apos;%1&apos; 不是 %2 的工作台 ID：请使用参与方代码、口岸和工作台编号，例如 %2-ANR-03。</translation>
    </message>
    <message>
        <source>This desk is already enrolled as %1. Enrolling it again makes a new key, and its current certificate stops working until the new one is installed: add --force to do so.</source>
        <translation>本工作台已注册为 %1。重新注册会生成新密钥，在安装新证书之前当前证书将无法使用：如确需如此，请加上 --force。</translation>
    </message>
    <message>
        <source>This desk has not asked for a certificate yet.</source>
        <translation>本工作台尚未申请证书。</translation>
    </message>
    <message>
        <source>The file holds no X.509 certificate (PEM).</source>
        <translation>该文件中没有 X.509 证书（PEM）。</translation>
    </message>
    <message>
        <source>The certificate is for another key than this desk&apos;s.</source>
        <translation>该证书对应的密钥不是本工作台的密钥。</translation>
    </message>
    <message>
        <source>The certificate is for participant &apos;%1&apos;; this desk works for %2.</source>
        <translation>该证书属于参与方“%1”；本工作台为 %2 服务。</translation>
    </message>
    <message>
        <source>The certificate is for desk &apos;%1&apos;; this desk asked for %2.</source>
        <translation>该证书属于工作台“%1”；本工作台申请的是 %2。</translation>
    </message>
    <message>
        <source>The certificate is not valid now: it is valid from %1 to %2 (UTC).</source>
        <translation>该证书当前无效：其有效期为 %1 至 %2（UTC）。</translation>
    </message>
</context>
<context>
    <name>kp::DeskRecords</name>
    <message>
        <source>Wrong name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>没有此记录：%1。</translation>
    </message>
    <message>
        <source>The text is too long (%1 characters; at most %2).</source>
        <translation>文本过长（%1 个字符；最多 %2 个）。</translation>
    </message>
    <message>
        <source>Nobody is signed in with this account.</source>
        <translation>没有人以此账户登录。</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>此账户已被停用。请联系管理员。</translation>
    </message>
    <message>
        <source>There is already an account named %1.</source>
        <translation>已存在名为 %1 的账户。</translation>
    </message>
    <message>
        <source>The idle lock is 1 to 240 minutes.</source>
        <translation>空闲锁定时间为 1 至 240 分钟。</translation>
    </message>
    <message>
        <source>The outbox&apos;s intake is an https:// URL without a name or password in it.</source>
        <translation>发件箱的接收地址须为 https:// URL，且其中不含用户名或密码。</translation>
    </message>
    <message>
        <source>No physical check was recorded: count and weigh the shipment first.</source>
        <translation>未记录实物检查：请先清点并称重货物。</translation>
    </message>
    <message>
        <source>The verdict is %1, not accept: only a supervisor&apos;s decision on a case can release this shipment.</source>
        <translation>结论为“%1”，不是“通过”：只有主管对案件作出的决定才能放行此批货物。</translation>
    </message>
    <message>
        <source>A flag needs at least one reason.</source>
        <translation>标记存疑至少需要一条理由。</translation>
    </message>
    <message>
        <source>A note needs some text.</source>
        <translation>备注需要填写内容。</translation>
    </message>
    <message>
        <source>Evidence needs at least one file.</source>
        <translation>证据至少需要一个文件。</translation>
    </message>
    <message>
        <source>A decision needs its reason.</source>
        <translation>决定需要填写理由。</translation>
    </message>
    <message>
        <source>This desk cannot sign messages yet: it is not enrolled (kpdesk-cli enrol).</source>
        <translation>本工作台尚不能签署消息：它尚未注册（kpdesk-cli enrol）。</translation>
    </message>
    <message>
        <source>An escalation needs at least one addressee.</source>
        <translation>上报至少需要一个收件方。</translation>
    </message>
    <message>
        <source>Reopening a case needs its reason.</source>
        <translation>重新开启案件需要填写理由。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an entry of its own.</source>
        <translation>&apos;%1&apos; 不是独立的条目。</translation>
    </message>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>条目 %1 存储为第 %2 行。</translation>
    </message>
    <message>
        <source>An account&apos;s name has 1 to %1 characters, no control, invisible or direction characters, and does not start with &apos;cli:&apos;.</source>
        <translation>账户名称须为 1 至 %1 个字符，不得包含控制字符、不可见字符或方向字符，且不得以 &apos;cli:&apos; 开头。</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 (inspection %3): a certificate is released once.</source>
        <translation>证书 %1 已于 %2 放行（查验 %3）：一份证书只能放行一次。</translation>
    </message>
    <message>
        <source>Certificate %1 was already released at %2 by %3 (inspection %4): a certificate is released once.</source>
        <translation>证书 %1 已于 %2 由 %3 放行（查验 %4）：一份证书只能放行一次。</translation>
    </message>
    <message>
        <source>The password of %1 was set by someone else: %1 must change it before doing anything else.</source>
        <translation>%1 的密码是由他人设置的：%1 必须先更改密码，然后才能进行其他操作。</translation>
    </message>
    <message>
        <source>This desk has accounts: an administrator signs in to add another.</source>
        <translation>本工作台已有账户：须由管理员登录后才能添加其他账户。</translation>
    </message>
    <message>
        <source>The name %1 looks like the existing account %2: choose another.</source>
        <translation>名称 %1 与现有账户 %2 相似：请另选一个名称。</translation>
    </message>
    <message>
        <source>The account %1 is not disabled.</source>
        <translation>账户 %1 未被停用。</translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation>%1 已是 %2。</translation>
    </message>
    <message>
        <source>The physical check of this inspection is already recorded: record a correction, with its reason, to change it.</source>
        <translation>此查验的实物检查已记录：如需更改，请记录一项更正并附上理由。</translation>
    </message>
    <message>
        <source>A correction needs its reason.</source>
        <translation>更正需要填写理由。</translation>
    </message>
    <message>
        <source>No physical check of this inspection is recorded: there is nothing to correct.</source>
        <translation>此查验未记录实物检查：没有可更正的内容。</translation>
    </message>
    <message>
        <source>The physical check is already so: nothing was corrected.</source>
        <translation>实物检查已是如此：未作任何更正。</translation>
    </message>
    <message>
        <source>A case holds this shipment: only a supervisor&apos;s decision on the case can release it.</source>
        <translation>此批货物因案件被扣留：只有主管对该案件作出的决定才能将其放行。</translation>
    </message>
</context>
<context>
    <name>kp::DeskRegistry</name>
    <message>
        <source>Cannot read the list of desks %1: %2</source>
        <translation>无法读取工作台列表 %1：%2</translation>
    </message>
    <message>
        <source>The list of desks %1 is damaged.</source>
        <translation>工作台列表 %1 已损坏。</translation>
    </message>
    <message>
        <source>Cannot write the list of desks %1: %2</source>
        <translation>无法写入工作台列表 %1：%2</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 to issue desk certificates with (issuers/%1/ca-key.pem).</source>
        <translation>PKI 中没有所属参与方 %1 的主管机构 CA，无法签发工作台证书（issuers/%1/ca-key.pem）。</translation>
    </message>
    <message>
        <source>A desk certificate is valid from 1 to 3650 days.</source>
        <translation>工作台证书的有效期为 1 至 3650 天。</translation>
    </message>
    <message>
        <source>The request is for participant &apos;%1&apos;; this authority enrols desks of %2.</source>
        <translation>该请求属于参与方“%1”；本主管机构只为 %2 的工作台注册。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a desk id of %2 (e.g. %2-ANR-03).</source>
        <translation>&apos;%1&apos; 不是 %2 的工作台 ID（例如 %2-ANR-03）。</translation>
    </message>
    <message>
        <source>A desk&apos;s key is EC P-256 or Ed25519.</source>
        <translation>工作台的密钥须为 EC P-256 或 Ed25519。</translation>
    </message>
    <message>
        <source>Desk %1 is already enrolled with another key: revoke it first (&apos;kpdesk-cli authority revoke-desk&apos;), then enrol it again.</source>
        <translation>工作台 %1 已用另一个密钥注册：请先将其吊销（&apos;kpdesk-cli authority revoke-desk&apos;），然后重新注册。</translation>
    </message>
    <message>
        <source>No certificate of desk %1 is in force.</source>
        <translation>工作台 %1 没有有效的证书。</translation>
    </message>
</context>
<context>
    <name>kp::DeterministicCbor</name>
    <message>
        <source>The data has more than %1 items.</source>
        <translation>数据超过 %1 项。</translation>
    </message>
    <message>
        <source>The data holds a CBOR tag; tags are not allowed.</source>
        <translation>数据中含有 CBOR 标签；不允许使用标签。</translation>
    </message>
    <message>
        <source>The data holds text that is not valid Unicode.</source>
        <translation>数据中含有无效 Unicode 的文本。</translation>
    </message>
    <message>
        <source>The data holds a floating-point number; amounts must be integers.</source>
        <translation>数据中含有浮点数；金额必须是整数。</translation>
    </message>
    <message>
        <source>The data holds the value undefined.</source>
        <translation>数据中含有 undefined 值。</translation>
    </message>
    <message>
        <source>The data holds a CBOR simple value other than false, true and null.</source>
        <translation>数据中含有 false、true 和 null 以外的 CBOR 简单值。</translation>
    </message>
    <message>
        <source>The data takes more than %1 bytes.</source>
        <translation>数据超过 %1 字节。</translation>
    </message>
    <message>
        <source>The data nests deeper than %1 levels.</source>
        <translation>数据嵌套深度超过 %1 层。</translation>
    </message>
    <message>
        <source>The data has a map key that is not text.</source>
        <translation>数据中有不是文本的映射键。</translation>
    </message>
    <message>
        <source>The data has the key “%1” twice.</source>
        <translation>数据中键“%1”出现了两次。</translation>
    </message>
    <message>
        <source>Malformed CBOR: %1</source>
        <translation>CBOR 格式错误：%1</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>bytes after the end of the data</source>
        <translation>数据结束后还有字节</translation>
    </message>
    <message>
        <source>the data ends too early</source>
        <translation>数据过早结束</translation>
    </message>
    <message>
        <source>Not the deterministic CBOR encoding (RFC 8949, section 4.2.1): %1</source>
        <translation>不是确定性 CBOR 编码（RFC 8949，第 4.2.1 节）：%1</translation>
    </message>
    <message>
        <source>an indefinite length, which the deterministic encoding does not use</source>
        <translation>不定长度，确定性编码不使用此形式</translation>
    </message>
    <message>
        <source>a reserved additional information value</source>
        <translation>保留的附加信息值</translation>
    </message>
    <message>
        <source>an integer or length in a longer form than needed</source>
        <translation>整数或长度使用了比所需更长的形式</translation>
    </message>
    <message>
        <source>The data holds an integer outside the 64-bit signed range.</source>
        <translation>数据中含有超出 64 位有符号范围的整数。</translation>
    </message>
    <message>
        <source>text is not valid UTF-8</source>
        <translation>文本不是有效的 UTF-8</translation>
    </message>
    <message>
        <source>The data has the same map key twice.</source>
        <translation>数据中同一个映射键出现了两次。</translation>
    </message>
    <message>
        <source>map keys out of order</source>
        <translation>映射键顺序错误</translation>
    </message>
</context>
<context>
    <name>kp::EventSignature</name>
    <message>
        <source>The case event %1 is too large to sign.</source>
        <translation>案件事件 %1 过大，无法签名。</translation>
    </message>
    <message>
        <source>The signature does not match the event as the office holds it.</source>
        <translation>签名与办事处所存的该事件不符。</translation>
    </message>
    <message>
        <source>The batch %1 of case events cannot be signed.</source>
        <translation>无法签署案件事件批次 %1。</translation>
    </message>
</context>
<context>
    <name>kp::ImageScan</name>
    <message>
        <source>No barcode was found in the image.</source>
        <translation>图像中未找到条码。</translation>
    </message>
</context>
<context>
    <name>kp::InspectionRows</name>
    <message>
        <source>The desk&apos;s inspections cannot be read.</source>
        <translation>无法读取工作台的查验。</translation>
    </message>
</context>
<context>
    <name>kp::Kp1</name>
    <message>
        <source>Not a KP1 barcode (it does not start with KP1:).</source>
        <translation>不是 KP1 条码（不是以 KP1: 开头）。</translation>
    </message>
    <message>
        <source>The KP1 text is longer than any KP1 code can be.</source>
        <translation>KP1 文本比任何 KP1 码可能的长度都长。</translation>
    </message>
    <message>
        <source>The KP1 text has a character outside Base45.</source>
        <translation>KP1 文本中含有 Base45 以外的字符。</translation>
    </message>
</context>
<context>
    <name>kp::KpMessage</name>
    <message>
        <source>%1 must be text.</source>
        <translation>%1 必须是文本。</translation>
    </message>
    <message>
        <source>%1 must be an unsigned integer.</source>
        <translation>%1 必须是无符号整数。</translation>
    </message>
    <message>
        <source>%1 must be a map.</source>
        <translation>%1 必须是映射。</translation>
    </message>
    <message>
        <source>%1 must be a list of text.</source>
        <translation>%1 必须是文本列表。</translation>
    </message>
    <message>
        <source>body.no is not a certificate number.</source>
        <translation>body.no 不是证书编号。</translation>
    </message>
    <message>
        <source>body.recv must be a date (YYYY-MM-DD).</source>
        <translation>body.recv 必须是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <source>body.checks must be a list of at most %1 checks.</source>
        <translation>body.checks 必须是最多 %1 项检查的列表。</translation>
    </message>
    <message>
        <source>Each of body.checks must be a map.</source>
        <translation>body.checks 的每一项都必须是映射。</translation>
    </message>
    <message>
        <source>A check&apos;s status must be pass, warn, fail or skip.</source>
        <translation>检查的状态必须是 pass、warn、fail 或 skip。</translation>
    </message>
    <message>
        <source>body.files must be a list of at most %1 files.</source>
        <translation>body.files 必须是最多 %1 个文件的列表。</translation>
    </message>
    <message>
        <source>Each of body.files must be a map.</source>
        <translation>body.files 的每一项都必须是映射。</translation>
    </message>
    <message>
        <source>A file needs its sha256 (32 bytes) and its data.</source>
        <translation>文件需要其 sha256（32 字节）及其数据。</translation>
    </message>
    <message>
        <source>The files of a message may hold at most %1 MiB in all.</source>
        <translation>一条消息中的文件总计最多 %1 MiB。</translation>
    </message>
    <message>
        <source>The file %1 does not match its sha256.</source>
        <translation>文件 %1 与其 sha256 不符。</translation>
    </message>
    <message>
        <source>body.case must be the case&apos;s UUID.</source>
        <translation>body.case 必须是案件的 UUID。</translation>
    </message>
    <message>
        <source>body.verdict must be accept, doubt or reject.</source>
        <translation>body.verdict 必须是 accept、doubt 或 reject。</translation>
    </message>
    <message>
        <source>An addressee is a participant&apos;s code, KP-CHAIR or KP-WGM, not %1.</source>
        <translation>收件方须为参与方代码、KP-CHAIR 或 KP-WGM，而不是 %1。</translation>
    </message>
    <message>
        <source>Not a kpmsg version 1 message.</source>
        <translation>不是 kpmsg 第 1 版消息。</translation>
    </message>
    <message>
        <source>kind must be confirmation or doubt.</source>
        <translation>kind 必须是 confirmation 或 doubt。</translation>
    </message>
    <message>
        <source>id must be 16 bytes.</source>
        <translation>id 必须为 16 字节。</translation>
    </message>
    <message>
        <source>at must be a time in RFC 3339 with its zone.</source>
        <translation>at 必须是带时区的 RFC 3339 时间。</translation>
    </message>
    <message>
        <source>audit must be [entries, the head&apos;s 32-byte hash].</source>
        <translation>audit 必须是 [条目, 链头的 32 字节哈希]。</translation>
    </message>
    <message>
        <source>n counts from 1.</source>
        <translation>n 从 1 开始计数。</translation>
    </message>
    <message>
        <source>The desk&apos;s id may hold letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (at most 64).</source>
        <translation>工作台 ID 可包含字母、数字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;（最多 64 个）。</translation>
    </message>
    <message>
        <source>pt must be a participant&apos;s two-letter code.</source>
        <translation>pt 必须是参与方的两字母代码。</translation>
    </message>
    <message>
        <source>The message is too large.</source>
        <translation>消息过大。</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB.</source>
        <translation>一条消息最多 %1 MiB。</translation>
    </message>
    <message>
        <source>The message does not carry its desk certificate (x5chain).</source>
        <translation>消息未附带其工作台证书（x5chain）。</translation>
    </message>
    <message>
        <source>The signature does not verify with the desk certificate it carries.</source>
        <translation>签名无法用消息所附带的工作台证书验证。</translation>
    </message>
    <message>
        <source>The payload is not a map.</source>
        <translation>载荷不是映射。</translation>
    </message>
    <message>
        <source>The message says desk %1 of %2, its certificate %3 of %4.</source>
        <translation>消息声称来自 %2 的工作台 %1，而其证书为 %4 的 %3。</translation>
    </message>
</context>
<context>
    <name>kp::Lockout</name>
    <message>
        <source>This account is locked after repeated failed sign-ins until %1 UTC.</source>
        <translation>此账户因多次登录失败已被锁定，直至 UTC %1。</translation>
    </message>
</context>
<context>
    <name>kp::MessageFactory</name>
    <message>
        <source>The inspection has no certificate record to confirm.</source>
        <translation>该查验没有可确认的证书记录。</translation>
    </message>
    <message>
        <source>The attachment %1 could not be read in full.</source>
        <translation>无法完整读取附件 %1。</translation>
    </message>
</context>
<context>
    <name>kp::MessageInbox</name>
    <message>
        <source>Cannot move %1 to %2: %3</source>
        <translation>无法将 %1 移动到 %2：%3</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not issued by this authority&apos;s CA.</source>
        <translation>%1 的工作台证书不是由本主管机构的 CA 签发的。</translation>
    </message>
    <message>
        <source>The certificate of %1 is not a desk certificate (it is a CA, or may not sign).</source>
        <translation>%1 的证书不是工作台证书（它是 CA，或不允许签名）。</translation>
    </message>
    <message>
        <source>The desk certificate of %1 was not valid when the message was made (%2; valid %3 to %4).</source>
        <translation>生成消息时（%2），%1 的工作台证书无效（有效期 %3 至 %4）。</translation>
    </message>
    <message>
        <source>The desk certificate of %1 names participant %2, its CA %3.</source>
        <translation>%1 的工作台证书指明的参与方为 %2，而其 CA 为 %3。</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 不是文件夹。</translation>
    </message>
    <message>
        <source>%1 must be a folder of its own.</source>
        <translation>%1 必须是独立的文件夹。</translation>
    </message>
    <message>
        <source>Cannot create %1.</source>
        <translation>无法创建 %1。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the file: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>A different message with the id %1 was already taken.</source>
        <translation>已接收过另一条 ID 为 %1 的不同消息。</translation>
    </message>
    <message>
        <source>Cannot remove %1, a copy of %2.</source>
        <translation>无法删除 %1（%2 的副本）。</translation>
    </message>
    <message>
        <source>The message of %1 says it was made at %2, after it was received (%3).</source>
        <translation>%1 的消息声称其生成于 %2，晚于其接收时间（%3）。</translation>
    </message>
    <message numerus="yes">
        <source>The desk certificate of %1 expired on %2, more than %Ln day(s) before the message was received (%3): a message signed after that could claim any earlier time.</source>
        <translation>
            <numerusform>%1 的工作台证书已于 %2 过期，比接收消息的时间（%3）早 %Ln 天以上：在此之后签名的消息可以声称任何更早的时间。</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s list of desks was not given: no message can be taken.</source>
        <translation>未提供主管机构的工作台列表：无法接收任何消息。</translation>
    </message>
    <message>
        <source>The desk certificate of %1 is revoked, or is not in the authority&apos;s list of desks.</source>
        <translation>%1 的工作台证书已被吊销，或不在主管机构的工作台列表中。</translation>
    </message>
    <message>
        <source>A message may be at most %1 MiB; this file holds %2 bytes or more.</source>
        <translation>一条消息最多 %1 MiB；此文件有 %2 字节或更多。</translation>
    </message>
    <message>
        <source>Not a regular file (a link, a folder, a pipe or a device).</source>
        <translation>不是普通文件（是链接、文件夹、管道或设备）。</translation>
    </message>
</context>
<context>
    <name>kp::MessageLedger</name>
    <message>
        <source>Cannot read the message ledger %1: %2</source>
        <translation>无法读取消息台账 %1：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be a message ledger: give the path of a file.</source>
        <translation>&apos;%1&apos; 不能作为消息台账：请给出文件路径。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>Cannot open the message ledger %1: %2</source>
        <translation>无法打开消息台账 %1：%2</translation>
    </message>
    <message>
        <source>%1 was made by a newer KP Desk (ledger schema %2; this one knows %3). It was not changed.</source>
        <translation>%1 由更新版本的 KP Desk 创建（台账架构 %2；本版本只支持 %3）。未对其做任何更改。</translation>
    </message>
    <message>
        <source>Cannot bring the message ledger %1 to schema %2: %3</source>
        <translation>无法将消息台账 %1 升级到架构 %2：%3</translation>
    </message>
    <message>
        <source>Cannot write the message ledger %1: %2</source>
        <translation>无法写入消息台账 %1：%2</translation>
    </message>
    <message>
        <source>A message with the id %1 is already in the ledger.</source>
        <translation>台账中已有 ID 为 %1 的消息。</translation>
    </message>
    <message>
        <source>unknown report kind %1</source>
        <translation>未知的报告类型 %1</translation>
    </message>
</context>
<context>
    <name>kp::OfficeDatabase</name>
    <message>
        <source>This desk cannot talk to an office: Qt&apos;s PostgreSQL driver is not installed (Debian: libqt6sql6-psql).</source>
        <translation>本工作台无法与办事处通信：未安装 Qt 的 PostgreSQL 驱动（Debian：libqt6sql6-psql）。</translation>
    </message>
    <message>
        <source>The office (%1) cannot be reached: %2</source>
        <translation>无法连接办事处（%1）：%2</translation>
    </message>
    <message>
        <source>the connection to the server was lost.</source>
        <translation>与服务器的连接已断开。</translation>
    </message>
    <message>
        <source>The office (%1) answered: %2</source>
        <translation>办事处（%1）答复：%2</translation>
    </message>
    <message>
        <source>The office&apos;s database (schema %1) is newer than this program (%2): update KP Desk.</source>
        <translation>办事处的数据库（架构 %1）比本程序（%2）新：请更新 KP Desk。</translation>
    </message>
    <message>
        <source>The office&apos;s database could not be brought to schema %1 (run `kpdesk-cli office-init` as its owner): %2</source>
        <translation>无法将办事处的数据库升级到架构 %1（请以其所有者身份运行 `kpdesk-cli office-init`）：%2</translation>
    </message>
    <message numerus="yes">
        <source>The office (%1) stopped answering: the connection was given up after %Ln second(s) of silence.</source>
        <translation>
            <numerusform>办事处（%1）已停止响应：静默 %Ln 秒后已放弃连接。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::OfficeLink</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>无法读取或写入工作台文件：%1</translation>
    </message>
    <message>
        <source>The office&apos;s password file %1 could not be written or read.</source>
        <translation>无法写入或读取办事处的密码文件 %1。</translation>
    </message>
</context>
<context>
    <name>kp::OfficeUrl</name>
    <message>
        <source>The office&apos;s address is not usable: %1</source>
        <translation>办事处的地址不可用：%1</translation>
    </message>
    <message>
        <source>it is not a URL.</source>
        <translation>它不是 URL。</translation>
    </message>
    <message>
        <source>it must start with postgresql://.</source>
        <translation>它必须以 postgresql:// 开头。</translation>
    </message>
    <message>
        <source>sslmode is one of %1.</source>
        <translation>sslmode 应为 %1 之一。</translation>
    </message>
    <message>
        <source>the parameter %1 is not known here.</source>
        <translation>此处不支持参数 %1。</translation>
    </message>
    <message>
        <source>it names no server.</source>
        <translation>其中未指明服务器。</translation>
    </message>
    <message>
        <source>it names no database (…/DATABASE).</source>
        <translation>其中未指明数据库（…/DATABASE）。</translation>
    </message>
    <message>
        <source>it names no user (postgresql://USER@…).</source>
        <translation>其中未指明用户（postgresql://USER@…）。</translation>
    </message>
    <message>
        <source>sslrootcert must name a file, without &apos;;&apos;.</source>
        <translation>sslrootcert 必须指明一个文件，且不能包含 &apos;;&apos;。</translation>
    </message>
</context>
<context>
    <name>kp::OutboxDelivery</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 answered %2 %3</source>
        <translation>%1 返回了 %2 %3</translation>
    </message>
    <message>
        <source>%1: no answer for %2 s</source>
        <translation>%1：%2 秒内无响应</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 is not a folder this desk can write to (is the stick mounted?).</source>
        <translation>%1 不是本工作台可写入的文件夹（U 盘是否已挂载？）。</translation>
    </message>
    <message>
        <source>No intake is set for the outbox (kpdesk-cli settings --outbox-intake https://...).</source>
        <translation>未设置发件箱的接收地址（kpdesk-cli settings --outbox-intake https://...）。</translation>
    </message>
</context>
<context>
    <name>kp::PasswordHash</name>
    <message>
        <source>The stored password hash is unusable: %1</source>
        <translation>存储的密码哈希不可用：%1</translation>
    </message>
    <message>
        <source>it is not of the form scrypt$N=…,r=…,p=…$salt$hash</source>
        <translation>其格式不是 scrypt$N=…,r=…,p=…$salt$hash</translation>
    </message>
    <message>
        <source>its parameters are outside what this desk accepts</source>
        <translation>其参数超出本工作台接受的范围</translation>
    </message>
    <message>
        <source>its salt or hash is not base64</source>
        <translation>其盐值或哈希不是 base64</translation>
    </message>
    <message>
        <source>its salt or hash has the wrong length</source>
        <translation>其盐值或哈希长度错误</translation>
    </message>
    <message>
        <source>The scrypt parameters N=%1, r=%2, p=%3 are not supported.</source>
        <translation>不支持 scrypt 参数 N=%1、r=%2、p=%3。</translation>
    </message>
    <message>
        <source>scrypt failed: %1</source>
        <translation>scrypt 失败：%1</translation>
    </message>
    <message>
        <source>No random bytes for the salt.</source>
        <translation>无法获得用于盐值的随机字节。</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message numerus="yes">
        <source>The password must have at least %Ln characters.</source>
        <translation>
            <numerusform>密码至少需要 %Ln 个字符。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The password must have at most %Ln characters.</source>
        <translation>
            <numerusform>密码最多 %Ln 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The password must not be the account&apos;s name.</source>
        <translation>密码不能与账户名称相同。</translation>
    </message>
</context>
<context>
    <name>kp::PdfExport</name>
    <message>
        <source>The PDF %1 cannot be written: %2</source>
        <translation>无法写入 PDF %1：%2</translation>
    </message>
</context>
<context>
    <name>kp::Permissions</name>
    <message>
        <source>verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>record the physical check</source>
        <translation>记录实物检查</translation>
    </message>
    <message>
        <source>flag reasonable doubt</source>
        <translation>标记合理怀疑</translation>
    </message>
    <message>
        <source>add a note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <source>add evidence</source>
        <translation>添加证据</translation>
    </message>
    <message>
        <source>release a shipment</source>
        <translation>放行货物</translation>
    </message>
    <message>
        <source>take a case for review</source>
        <translation>接手审查案件</translation>
    </message>
    <message>
        <source>decide a case</source>
        <translation>对案件作出决定</translation>
    </message>
    <message>
        <source>escalate a case</source>
        <translation>上报案件</translation>
    </message>
    <message>
        <source>record an authority&apos;s reply</source>
        <translation>记录主管机构的答复</translation>
    </message>
    <message>
        <source>close a case</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>reopen a case</source>
        <translation>重新开启案件</translation>
    </message>
    <message>
        <source>manage accounts</source>
        <translation>管理账户</translation>
    </message>
    <message>
        <source>change the desk&apos;s settings</source>
        <translation>更改工作台设置</translation>
    </message>
    <message>
        <source>Unknown action “%1”.</source>
        <translation>未知操作“%1”。</translation>
    </message>
    <message>
        <source>The role %1 may not %2.</source>
        <translation>角色“%1”无权%2。</translation>
    </message>
    <message>
        <source>Who flagged this case is not known, so the four-eyes rule cannot be checked.</source>
        <translation>不知道是谁标记了此案件，因此无法检查四眼原则。</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not decide it: another supervisor must (four eyes).</source>
        <translation>%1 标记了此案件，不得对其作出决定：必须由另一位主管决定（四眼原则）。</translation>
    </message>
    <message>
        <source>%1 flagged this case and may not take it for review: another supervisor must (four eyes).</source>
        <translation>%1 标记了此案件，不得接手审查：必须由另一位主管接手（四眼原则）。</translation>
    </message>
</context>
<context>
    <name>kp::PhysicalCheck</name>
    <message>
        <source>%1 parcels counted; the certificate says %2.</source>
        <translation>清点出 %1 个包裹；证书上为 %2 个。</translation>
    </message>
    <message>
        <source>%1 ct weighed; the certificate says %2 ct (tolerance %3 ct).</source>
        <translation>称得 %1 克拉；证书上为 %2 克拉（容差 %3 克拉）。</translation>
    </message>
    <message>
        <source>A seal is broken or tampered with.</source>
        <translation>有封条破损或被动过手脚。</translation>
    </message>
    <message>
        <source>Seal numbers %1 do not match the certificate&apos;s %2.</source>
        <translation>封条编号 %1 与证书上的 %2 不符。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>The importer on the declaration is not %1.</source>
        <translation>申报单上的进口商不是 %1。</translation>
    </message>
</context>
<context>
    <name>kp::Publisher</name>
    <message>
        <source>Cannot copy %1 to %2.</source>
        <translation>无法将 %1 复制到 %2。</translation>
    </message>
    <message>
        <source>Cannot copy %1 to %2: %3</source>
        <translation>无法将 %1 复制到 %2：%3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>无法创建文件夹 %1。</translation>
    </message>
    <message>
        <source>%1 holds no full snapshot: publish one first.</source>
        <translation>%1 中没有完整快照：请先发布一个完整快照。</translation>
    </message>
    <message>
        <source>The deltas do not lead from the newest full snapshot (seq %1) to seq %2: publish the missing delta or a new full snapshot.</source>
        <translation>增量数据包无法从最新的完整快照（seq %1）衔接到 seq %2：请发布缺失的增量数据包或新的完整快照。</translation>
    </message>
    <message>
        <source>Cannot write the index in %1: %2</source>
        <translation>无法在 %1 中写入索引：%2</translation>
    </message>
</context>
<context>
    <name>kp::PulledCaseCheck</name>
    <message>
        <source>The flag of case %1 does not carry its case (a desk from before signed cases made it): its certificate cannot be trusted.</source>
        <translation>案件 %1 的存疑标记未附带其案件（由启用签名案件之前的工作台生成）：其证书不可信。</translation>
    </message>
    <message>
        <source>The office holds a flag of case %1 but not the case.</source>
        <translation>办事处存有案件 %1 的存疑标记，却没有该案件。</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>查验</translation>
    </message>
    <message>
        <source>certificate %1 signed, %2 in the row</source>
        <translation>签名的证书为 %1，行中为 %2</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>参与方</translation>
    </message>
    <message>
        <source>The office&apos;s row of case %1 is not the case its desk signed: %2.</source>
        <translation>办事处中案件 %1 的行与其工作台所签名的案件不符：%2。</translation>
    </message>
    <message>
        <source>The flag of case %1 has no valid time.</source>
        <translation>案件 %1 的存疑标记没有有效的时间。</translation>
    </message>
</context>
<context>
    <name>kp::PulledEventCheck</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>无法读取或写入工作台文件：%1</translation>
    </message>
    <message>
        <source>The event is signed with a certificate that is not a desk&apos;s.</source>
        <translation>该事件的签名证书不是工作台证书。</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not valid when the event was made.</source>
        <translation>生成该事件时，工作台证书 %1 无效。</translation>
    </message>
    <message>
        <source>The desk certificate %1 was not issued by an authority CA of %2 that this desk holds.</source>
        <translation>工作台证书 %1 不是由本工作台所持有的 %2 主管机构 CA 签发的。</translation>
    </message>
    <message>
        <source>The event is not signed by an enrolled desk.</source>
        <translation>该事件不是由已注册的工作台签名的。</translation>
    </message>
    <message>
        <source>The event&apos;s desk certificate cannot be read.</source>
        <translation>无法读取该事件的工作台证书。</translation>
    </message>
    <message>
        <source>The event claims the desk %1, which the desk certificate %2 signs for; it is signed by %3.</source>
        <translation>该事件声称来自工作台 %1（工作台证书 %2 为其签名），但它由 %3 签名。</translation>
    </message>
    <message>
        <source>The attachment %1 is not the file that was signed.</source>
        <translation>附件 %1 不是被签名的那个文件。</translation>
    </message>
    <message>
        <source>The event &apos;%1&apos; by %2 (%3) is not one a desk can take.</source>
        <translation>%2（%3）的事件“%1”不是工作台可以接收的事件。</translation>
    </message>
    <message>
        <source>The desk&apos;s file could not be read: %1</source>
        <translation>无法读取工作台文件：%1</translation>
    </message>
    <message>
        <source>The desk certificate %1 was revoked by the authority on %2.</source>
        <translation>工作台证书 %1 已于 %2 被主管机构吊销。</translation>
    </message>
    <message>
        <source>The event is not in the signed batch %1 it names.</source>
        <translation>该事件不在其所指的已签名批次 %1 中。</translation>
    </message>
</context>
<context>
    <name>kp::Recheck</name>
    <message>
        <source>ACCEPT</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>DOUBT</source>
        <translation>存疑</translation>
    </message>
    <message>
        <source>REJECT</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>pass</source>
        <comment>check status</comment>
        <translation>合格</translation>
    </message>
    <message>
        <source>warn</source>
        <comment>check status</comment>
        <translation>警告</translation>
    </message>
    <message>
        <source>FAIL</source>
        <comment>check status</comment>
        <translation>不合格</translation>
    </message>
    <message>
        <source>skip</source>
        <comment>check status</comment>
        <translation>跳过</translation>
    </message>
    <message>
        <source>verdict: was %1, now %2</source>
        <translation>结论：原为%1，现为%2</translation>
    </message>
    <message>
        <source>%1: not in the inspection then, now %2 — %3</source>
        <translation>%1：当时不在查验中，现为%2 — %3</translation>
    </message>
    <message>
        <source>%1: was %2, not checked now</source>
        <translation>%1：原为%2，现未检查</translation>
    </message>
    <message>
        <source>%1: was %2, now %3 — %4</source>
        <translation>%1：原为%2，现为%3 — %4</translation>
    </message>
    <message>
        <source>%1: still %2 — now: %3 (then: %4)</source>
        <translation>%1：仍为%2 — 现在：%3（当时：%4）</translation>
    </message>
    <message>
        <source>No change since %1.</source>
        <translation>自 %1 以来没有变化。</translation>
    </message>
    <message>
        <source>This inspection was stored without what was scanned, so it cannot be verified again: scan the certificate again.</source>
        <translation>此查验存储时未保存扫描内容，因此无法再次核验：请重新扫描证书。</translation>
    </message>
    <message>
        <source>Not verified again: %1</source>
        <translation>未再次核验：%1</translation>
    </message>
</context>
<context>
    <name>kp::RecordReport</name>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
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
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No signed certificate record was read (a typed number or an unreadable code).</source>
        <translation>未读取到已签名的证书记录（手动输入的编号或无法读取的码）。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Record version</source>
        <translation>记录版本</translation>
    </message>
    <message>
        <source>Issuing participant</source>
        <translation>签发参与方</translation>
    </message>
    <message>
        <source>Issuing authority</source>
        <translation>签发主管机构</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产地</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation>（混合）</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>出口商</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>进口商</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>HS %1: %2 ct, US$ %3</source>
        <translation>HS %1：%2 克拉，%3 美元</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>%1 ct, US$ %2</source>
        <translation>%1 克拉，%2 美元</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>包裹数</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>封条</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>未记录实物检查。</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>（未检查）</translation>
    </message>
    <message>
        <source>Customs declaration</source>
        <translation>海关申报单</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>清点包裹数</translation>
    </message>
    <message>
        <source>Mass weighed</source>
        <translation>称得重量</translation>
    </message>
    <message>
        <source>%1 ct (tolerance %2 ct)</source>
        <translation>%1 克拉（容差 %2 克拉）</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>封条完好</translation>
    </message>
    <message>
        <source>Seal numbers read</source>
        <translation>读取的封条编号</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>进口商与申报单相符</translation>
    </message>
    <message>
        <source>Mismatches</source>
        <translation>不符之处</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>最终结论</translation>
    </message>
    <message>
        <source>Verdict of the verification</source>
        <translation>核验结论</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>（无编号）</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>关员</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>%1 (id %2, participant %3)</source>
        <translation>%1（ID %2，参与方 %3）</translation>
    </message>
    <message>
        <source>Read from</source>
        <translation>读取来源</translation>
    </message>
    <message>
        <source>Inspection id</source>
        <translation>查验 ID</translation>
    </message>
    <message>
        <source>Desk data</source>
        <translation>工作台数据</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>No check was recorded.</source>
        <translation>未记录任何检查。</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>实物检查</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>签发主管机构所签署的证书</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>扫描图像</translation>
    </message>
    <message>
        <source>No image was kept with this inspection.</source>
        <translation>此查验未保存图像。</translation>
    </message>
    <message>
        <source>Printed %1 by %2 at %3</source>
        <translation>%1 由 %2 在工作台 %3 打印</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>货物已扣留。</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>货物未扣留。</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>处理结果：%1</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <source>One-person post: decided by who flagged it.</source>
        <translation>单人岗位：由标记存疑者本人决定。</translation>
    </message>
    <message numerus="yes">
        <source>File %1, %Ln byte(s), SHA-256 %2</source>
        <translation>
            <numerusform>文件 %1，%Ln 字节，SHA-256 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>No such record: %1.</source>
        <translation>没有此记录：%1。</translation>
    </message>
    <message>
        <source>KP Desk — inspection record</source>
        <translation>KP Desk — 查验记录</translation>
    </message>
    <message>
        <source>Inspection of certificate %1</source>
        <translation>证书 %1 的查验</translation>
    </message>
    <message>
        <source>KP Desk — case record</source>
        <translation>KP Desk — 案件记录</translation>
    </message>
    <message>
        <source>Case of certificate %1</source>
        <translation>证书 %1 的案件</translation>
    </message>
    <message>
        <source>Case id</source>
        <translation>案件 ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation>货物</translation>
    </message>
    <message>
        <source>held</source>
        <translation>已扣留</translation>
    </message>
    <message>
        <source>not held</source>
        <translation>未扣留</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>标记人</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开启时间</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审查人</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最近更改</translation>
    </message>
    <message>
        <source>%1 (id %2)</source>
        <translation>%1（ID %2）</translation>
    </message>
    <message>
        <source>opened at desk %1</source>
        <translation>在工作台 %1 开启</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>%1 (event %2, %3)</source>
        <translation>%1（事件 %2，%3）</translation>
    </message>
    <message>
        <source>Images attached to the case</source>
        <translation>案件所附图像</translation>
    </message>
    <message>
        <source>The inspection, as it was seen</source>
        <translation>当时所见的查验</translation>
    </message>
    <message>
        <source>The case&apos;s inspection %1 is not in the desk&apos;s records.</source>
        <translation>本工作台的记录中没有该案件的查验 %1。</translation>
    </message>
    <message>
        <source>by %1: the verdict was %2, now %3. Reason: %4</source>
        <translation>由 %1 更正：结论原为 %2，现为 %3。理由：%4</translation>
    </message>
    <message>
        <source>The physical check as first recorded:</source>
        <translation>最初记录的实物检查：</translation>
    </message>
    <message>
        <source>Corrections of the physical check</source>
        <translation>实物检查的更正</translation>
    </message>
</context>
<context>
    <name>kp::RecordsStore</name>
    <message>
        <source>The desk&apos;s records could not be written: %1</source>
        <translation>无法写入工作台记录：%1</translation>
    </message>
    <message>
        <source>The desk&apos;s records could not be read: %1</source>
        <translation>无法读取工作台记录：%1</translation>
    </message>
    <message>
        <source>flagged before this desk kept cases</source>
        <translation>在本工作台管理案件之前标记存疑</translation>
    </message>
    <message>
        <source>Certificate %1 was already released: a certificate is released once.</source>
        <translation>证书 %1 已放行过：一份证书只能放行一次。</translation>
    </message>
</context>
<context>
    <name>kp::RegularFile</name>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a folder, a device, a pipe or a socket); it is not read.</source>
        <translation>%1 不是普通文件（是文件夹、设备、管道或套接字）；不予读取。</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Reading %1 took too long; it was given up.</source>
        <translation>读取 %1 耗时过长；已放弃。</translation>
    </message>
    <message>
        <source>%1 is larger than %2 bytes; it is not read.</source>
        <translation>%1 大于 %2 字节；不予读取。</translation>
    </message>
</context>
<context>
    <name>kp::Replicator</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>无法读取或写入工作台文件：%1</translation>
    </message>
    <message>
        <source>The office holds an event of a case it does not hold (%1).</source>
        <translation>办事处存有某案件的事件，却没有该案件（%1）。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk are not at the office yet.</source>
        <translation>
            <numerusform>本工作台有 %Ln 条记录尚未到达办事处。</numerusform>
        </translation>
    </message>
    <message>
        <source>cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>case events</source>
        <translation>案件事件</translation>
    </message>
    <message>
        <source>inspections</source>
        <translation>查验</translation>
    </message>
    <message>
        <source>audit entries</source>
        <translation>审计条目</translation>
    </message>
    <message>
        <source>The office holds %1 of this desk&apos;s %2 %3.</source>
        <translation>办事处只存有本工作台 %2 项%3中的 %1 项。</translation>
    </message>
    <message>
        <source>The office holds another entry (hash %1) at place %2 of this desk&apos;s trail (hash %3): another role wrote it there.</source>
        <translation>办事处在本工作台审计记录的位置 %2 存有另一个条目（哈希 %1；本工作台的条目哈希为 %3）：是另一个角色在该处写入的。</translation>
    </message>
    <message>
        <source>The event is of a case this desk does not hold (%1).</source>
        <translation>该事件所属的案件不在本工作台中（%1）。</translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>警报：办事处在本工作台审计记录的 %Ln 个位置存有不同的条目。</numerusform>
        </translation>
    </message>
    <message>
        <source>The office holds case %1 without the flag that opens a case.</source>
        <translation>办事处存有案件 %1，但没有开启案件的存疑标记。</translation>
    </message>
    <message>
        <source>The case %1 has its flag already.</source>
        <translation>案件 %1 已有其存疑标记。</translation>
    </message>
</context>
<context>
    <name>kp::ReportPainter</name>
    <message>
        <source>A record can only be drawn in a program with fonts (QGuiApplication).</source>
        <translation>记录只能在带字体的程序中绘制（QGuiApplication）。</translation>
    </message>
    <message>
        <source>The record cannot be drawn on this printer or file.</source>
        <translation>无法在此打印机或文件上绘制记录。</translation>
    </message>
    <message>
        <source>A new page could not be started.</source>
        <translation>无法开始新的一页。</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>The record could not be finished.</source>
        <translation>无法完成记录。</translation>
    </message>
</context>
<context>
    <name>kp::Role</name>
    <message>
        <source>Unknown role “%1”: officer, supervisor or administrator.</source>
        <translation>未知角色“%1”：应为 officer、supervisor 或 administrator。</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>关员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>kp::SetAside</name>
    <message>
        <source>The desk&apos;s file could not be read or written: %1</source>
        <translation>无法读取或写入工作台文件：%1</translation>
    </message>
</context>
<context>
    <name>kp::ShipmentRelease</name>
    <message>
        <source>The inspection is not in the desk&apos;s records.</source>
        <translation>工作台的记录中没有该查验。</translation>
    </message>
</context>
<context>
    <name>kp::SyncClient</name>
    <message>
        <source>The sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 不是可用的 URL。</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 既不是 .kpsync 文件、含同步索引的文件夹，也不是 http(s) URL。</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 holds bundles but no sync index (the file &apos;index&apos;): a sync needs the authority&apos;s signed index to know which bundles to apply. Choose the folder the authority published (kpdesk-cli authority publish), or one bundle file.</source>
        <translation>%1 中有数据包，但没有同步索引（文件 &apos;index&apos;）：同步需要主管机构签名的索引才能知道应用哪些数据包。请选择主管机构发布的文件夹（kpdesk-cli authority publish），或单个数据包文件。</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>%1 中没有同步索引。</translation>
    </message>
</context>
<context>
    <name>kp::SyncIndex</name>
    <message>
        <source>The sync index is malformed: %1</source>
        <translation>同步索引格式错误：%1</translation>
    </message>
    <message>
        <source>not a map</source>
        <translation>不是映射</translation>
    </message>
    <message>
        <source>no seq</source>
        <translation>没有 seq</translation>
    </message>
    <message>
        <source>no usable full snapshot</source>
        <translation>没有可用的完整快照</translation>
    </message>
    <message>
        <source>deltas is not an array</source>
        <translation>deltas 不是数组</translation>
    </message>
    <message>
        <source>too many deltas</source>
        <translation>增量数据包过多</translation>
    </message>
    <message>
        <source>a delta entry is malformed</source>
        <translation>某个增量条目格式错误</translation>
    </message>
    <message>
        <source>larger than %1 bytes</source>
        <translation>大于 %1 字节</translation>
    </message>
    <message>
        <source>The sync index is not signed by this desk&apos;s home authority (no pinned bundle key verifies it).</source>
        <translation>同步索引不是由本工作台的所属主管机构签名的（没有任何已固定的数据包密钥能验证它）。</translation>
    </message>
    <message>
        <source>The index offers no way from seq %1 to seq %2 (no delta chain and no newer full snapshot).</source>
        <translation>索引中没有从 seq %1 到 seq %2 的途径（既没有增量链，也没有更新的完整快照）。</translation>
    </message>
</context>
<context>
    <name>kp::SyncLock</name>
    <message>
        <source>Cannot create the sync lock %1: %2</source>
        <translation>无法创建同步锁 %1：%2</translation>
    </message>
    <message>
        <source>A sync is already running for this desk; wait for it to finish, then sync again if it is still needed.</source>
        <translation>本工作台已有同步正在运行；请等待其完成，如仍有需要再同步一次。</translation>
    </message>
    <message>
        <source>Cannot lock %1: %2</source>
        <translation>无法锁定 %1：%2</translation>
    </message>
</context>
<context>
    <name>kp::SyncSource</name>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>%1 has %2 bytes; the index says %3.</source>
        <translation>%1 有 %2 字节；索引中为 %3。</translation>
    </message>
    <message>
        <source>%1 does not match its SHA-256 in the index: damaged or altered.</source>
        <translation>%1 与索引中的 SHA-256 不符：已损坏或被篡改。</translation>
    </message>
    <message>
        <source>There is no sync index in %1.</source>
        <translation>%1 中没有同步索引。</translation>
    </message>
    <message>
        <source>The sync index in %1 is too large.</source>
        <translation>%1 中的同步索引过大。</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (timed out).</source>
        <translation>%1：%2 秒内没有数据（超时）。</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3.</source>
        <translation>%1：HTTP %2 %3。</translation>
    </message>
    <message>
        <source>%1: DNS: the host %2 was not found.</source>
        <translation>%1：DNS：未找到主机 %2。</translation>
    </message>
    <message>
        <source>%1: the server refused the connection.</source>
        <translation>%1：服务器拒绝连接。</translation>
    </message>
    <message>
        <source>%1: the server closed the connection before the end.</source>
        <translation>%1：服务器在传输结束前关闭了连接。</translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation>%1：TLS：%2</translation>
    </message>
    <message>
        <source>%1: proxy: %2</source>
        <translation>%1：代理：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: the server sends too slowly (fewer than %2 bytes in %3 s).</source>
        <translation>%1：服务器发送太慢（%3 秒内少于 %2 字节）。</translation>
    </message>
    <message>
        <source>%1 is larger than a sync index can be.</source>
        <translation>%1 大于同步索引可能的大小。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot save %1 (is the disk full?): %2</source>
        <translation>无法保存 %1（磁盘是否已满？）：%2</translation>
    </message>
    <message>
        <source>The sync was cancelled.</source>
        <translation>同步已取消。</translation>
    </message>
    <message>
        <source>%1 is longer than the index says.</source>
        <translation>%1 比索引所述的长。</translation>
    </message>
    <message>
        <source>%1: the server sent %2 of %3 bytes.</source>
        <translation>%1：服务器只发送了 %3 字节中的 %2 字节。</translation>
    </message>
    <message>
        <source>%1 is not a usable URL.</source>
        <translation>%1 不是可用的 URL。</translation>
    </message>
    <message>
        <source>%1 is neither a .kpsync file, a folder with a sync index, nor an http(s) URL.</source>
        <translation>%1 既不是 .kpsync 文件、含同步索引的文件夹，也不是 http(s) URL。</translation>
    </message>
    <message>
        <source>The sync from %1 took longer than its limit of %2 s and was given up; the next sync takes it up again.</source>
        <translation>从 %1 同步的时间超过了 %2 秒的限制，已放弃；下次同步时将继续。</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation>无法创建临时文件夹：%1</translation>
    </message>
</context>
<context>
    <name>kp::TrailReading</name>
    <message>
        <source>Entry %1 is stored as row %2.</source>
        <translation>条目 %1 存储为第 %2 行。</translation>
    </message>
</context>
<context>
    <name>kp::Zlib</name>
    <message>
        <source>The compressed data is corrupt or truncated.</source>
        <translation>压缩数据已损坏或被截断。</translation>
    </message>
    <message>
        <source>The compressed data expands beyond %1 bytes.</source>
        <translation>压缩数据解压后超过 %1 字节。</translation>
    </message>
</context>
<context>
    <name>kp::cli</name>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>%1 is too large.</source>
        <translation>%1 过大。</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 不是有效的 JSON：%2，位于偏移量 %3</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>--pki DIR is required.</source>
        <translation>必须提供 --pki DIR。</translation>
    </message>
    <message>
        <source>Folder to create the PKI in.</source>
        <translation>要在其中创建 PKI 的文件夹。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <source>The publishing (home) authority&apos;s participant code.</source>
        <translation>发布（所属）主管机构的参与方代码。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>An issuing participant, optionally with its algorithm: CODE[:es256|ps256|eddsa]. Repeatable.</source>
        <translation>签发参与方，可附带其算法：CODE[:es256|ps256|eddsa]。可重复使用。</translation>
    </message>
    <message>
        <source>CODE[:ALG]</source>
        <translation>CODE[:ALG]</translation>
    </message>
    <message>
        <source>Create a demo PKI: a bundle key for the home authority, and an authority CA with a document signer for each issuer.</source>
        <translation>创建演示 PKI：为所属主管机构生成数据包密钥，并为每个签发方生成一个主管机构 CA 和一个文件签名者。</translation>
    </message>
    <message>
        <source>--out DIR and --home CODE are required.</source>
        <translation>必须提供 --out DIR 和 --home CODE。</translation>
    </message>
    <message>
        <source>unknown algorithm &apos;%1&apos; (es256, ps256, eddsa).</source>
        <translation>未知算法“%1”（es256、ps256、eddsa）。</translation>
    </message>
    <message>
        <source>PKI written to %1; pin %1/bundle-cert.pem at the desks.</source>
        <translation>PKI 已写入 %1；请在各工作台固定 %1/bundle-cert.pem。</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder.</source>
        <translation>主管机构的 PKI 文件夹。</translation>
    </message>
    <message>
        <source>The certificate record as JSON (kp1-barcode.md keys).</source>
        <translation>JSON 格式的证书记录（kp1-barcode.md 中的键）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Where to write the signed record (COSE_Sign1).</source>
        <translation>已签名记录（COSE_Sign1）的写入位置。</translation>
    </message>
    <message>
        <source>Also write the KP1 barcode text to this file.</source>
        <translation>同时将 KP1 条码文本写入此文件。</translation>
    </message>
    <message>
        <source>Sign a certificate record with the issuer&apos;s document signer.</source>
        <translation>用签发方的文件签名者签署证书记录。</translation>
    </message>
    <message>
        <source>--in FILE and --out FILE are required.</source>
        <translation>必须提供 --in FILE 和 --out FILE。</translation>
    </message>
    <message>
        <source>the PKI has no document signer for %1.</source>
        <translation>PKI 中没有 %1 的文件签名者。</translation>
    </message>
    <message>
        <source>Signed %1 (%2 bytes).</source>
        <translation>已签署 %1（%2 字节）。</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) to print as KP1.</source>
        <translation>要打印为 KP1 的已签名记录（COSE_Sign1）。</translation>
    </message>
    <message>
        <source>Text to print instead (e.g. a certificate number).</source>
        <translation>改为打印的文本（例如证书编号）。</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>The image file to write (PNG, JPEG, TIFF, BMP).</source>
        <translation>要写入的图像文件（PNG、JPEG、TIFF、BMP）。</translation>
    </message>
    <message>
        <source>IMAGE</source>
        <translation>IMAGE</translation>
    </message>
    <message>
        <source>qr (default), datamatrix, aztec, pdf417 or code128.</source>
        <translation>qr（默认）、datamatrix、aztec、pdf417 或 code128。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>Pixels per module (default 4).</source>
        <translation>每个模块的像素数（默认 4）。</translation>
    </message>
    <message>
        <source>PX</source>
        <translation>PX</translation>
    </message>
    <message>
        <source>Print a barcode image with whole square modules and a four-module quiet zone.</source>
        <translation>生成条码图像，模块均为完整正方形，并带四个模块宽的静区。</translation>
    </message>
    <message>
        <source>give --out IMAGE and either --in FILE or --text TEXT.</source>
        <translation>请提供 --out IMAGE，以及 --in FILE 或 --text TEXT 之一。</translation>
    </message>
    <message>
        <source>unknown --symbology or --module out of 1-40.</source>
        <translation>--symbology 未知，或 --module 超出 1-40。</translation>
    </message>
    <message>
        <source>cannot write %1.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Wrote %1 (%2x%3).</source>
        <translation>已写入 %1（%2x%3）。</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a date YYYY-MM-DD.</source>
        <translation>&apos;%1&apos; 必须是 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder.</source>
        <translation>所属主管机构的 PKI 文件夹。</translation>
    </message>
    <message>
        <source>Sequence number of the state this bundle produces.</source>
        <translation>此数据包所生成状态的序列号。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>For a delta: the seq it applies to (default 0: full).</source>
        <translation>用于增量数据包：其所基于的 seq（默认 0：完整）。</translation>
    </message>
    <message>
        <source>Days until desks show the data as stale (default 14).</source>
        <translation>工作台将数据显示为过期之前的天数（默认 14）。</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>DAYS</translation>
    </message>
    <message>
        <source>Participants JSON: an array of {c, name, st, from, to?, note?}, or &apos;demo&apos; for the built-in list with its history.</source>
        <translation>参与方 JSON：由 {c, name, st, from, to?, note?} 组成的数组，或用 &apos;demo&apos; 表示内置列表及其历史。</translation>
    </message>
    <message>
        <source>Include every authority CA and document signer of the PKI.</source>
        <translation>包含 PKI 中的所有主管机构 CA 和文件签名者。</translation>
    </message>
    <message>
        <source>A signed record (COSE_Sign1) for the registry. Repeatable.</source>
        <translation>用于登记册的已签名记录（COSE_Sign1）。可重复使用。</translation>
    </message>
    <message>
        <source>Revocations JSON: an array of {no, st, at, by, note?}.</source>
        <translation>吊销 JSON：由 {no, st, at, by, note?} 组成的数组。</translation>
    </message>
    <message>
        <source>The message ledger: every confirmed import becomes a &apos;used&apos; revocation (an entry of --revoked for the same number wins).</source>
        <translation>消息台账：每一次确认的进口都会成为一条“used”吊销（--revoked 中同一编号的条目优先）。</translation>
    </message>
    <message>
        <source>Rules JSON: an object of rule key to value.</source>
        <translation>规则 JSON：规则键到值的对象。</translation>
    </message>
    <message>
        <source>Contacts JSON: an array of {c, role, name, email?, phone?, addr?} with role authority, chair or wgm (c is KP for the last two), or &apos;demo&apos; for the demo desk&apos;s contacts.</source>
        <translation>联系人 JSON：由 {c, role, name, email?, phone?, addr?} 组成的数组，role 为 authority、chair 或 wgm（后两者的 c 为 KP），或用 &apos;demo&apos; 表示演示工作台的联系人。</translation>
    </message>
    <message>
        <source>The .kpsync file to write.</source>
        <translation>要写入的 .kpsync 文件。</translation>
    </message>
    <message>
        <source>Publish a full or delta bundle signed with the home authority&apos;s bundle key.</source>
        <translation>发布用所属主管机构的数据包密钥签名的完整或增量数据包。</translation>
    </message>
    <message>
        <source>--seq N (&gt;= 1), --base below it, --fresh-days and --out are needed.</source>
        <translation>需要 --seq N（&gt;= 1）、小于它的 --base、--fresh-days 和 --out。</translation>
    </message>
    <message>
        <source>each participant needs c, st and a &apos;from&apos; date.</source>
        <translation>每个参与方都需要 c、st 和 &apos;from&apos; 日期。</translation>
    </message>
    <message>
        <source>There is no message ledger at %1.</source>
        <translation>%1 处没有消息台账。</translation>
    </message>
    <message>
        <source>each contact needs c, name and a role: authority (c a participant), chair or wgm (c is KP).</source>
        <translation>每个联系人都需要 c、name 和角色：authority（c 为参与方）、chair 或 wgm（c 为 KP）。</translation>
    </message>
    <message>
        <source>Wrote %1 bundle seq %2 to %3.</source>
        <translation>已将%1数据包 seq %2 写入 %3。</translation>
    </message>
    <message>
        <source>full</source>
        <translation>完整</translation>
    </message>
    <message>
        <source>delta</source>
        <translation>增量</translation>
    </message>
    <message>
        <source>The home authority&apos;s PKI folder (its bundle key signs the index).</source>
        <translation>所属主管机构的 PKI 文件夹（用其数据包密钥签署索引）。</translation>
    </message>
    <message>
        <source>The folder to publish: serve it over HTTP(S) or copy it to a USB stick.</source>
        <translation>要发布的文件夹：通过 HTTP(S) 提供，或复制到 U 盘。</translation>
    </message>
    <message>
        <source>Keep deltas reaching the last N sequence numbers in the index (default 30).</source>
        <translation>在索引中保留覆盖最近 N 个序列号的增量数据包（默认 30）。</translation>
    </message>
    <message>
        <source>Bundles (.kpsync) to add: full snapshots and deltas.</source>
        <translation>要添加的数据包（.kpsync）：完整快照和增量数据包。</translation>
    </message>
    <message>
        <source>Add bundles to a publication folder and write its signed index (kp-sync.md, &apos;On a web server&apos;).</source>
        <translation>将数据包添加到发布文件夹并写入其签名索引（kp-sync.md，“On a web server”）。</translation>
    </message>
    <message>
        <source>--out DIR is required.</source>
        <translation>必须提供 --out DIR。</translation>
    </message>
    <message>
        <source>--keep-deltas needs a number.</source>
        <translation>--keep-deltas 需要一个数字。</translation>
    </message>
    <message numerus="yes">
        <source>Published seq %1 in %2: full snapshot seq %3 and %Ln delta(s).</source>
        <translation>
            <numerusform>已在 %2 中发布 seq %1：完整快照 seq %3 和 %Ln 个增量数据包。</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli authority SUBCOMMAND [OPTIONS]</source>
        <translation>用法：kpdesk-cli authority SUBCOMMAND [OPTIONS]</translation>
    </message>
    <message>
        <source>Subcommands:</source>
        <translation>子命令：</translation>
    </message>
    <message>
        <source>create a demo PKI (bundle key, authority CAs, document signers)</source>
        <translation>创建演示 PKI（数据包密钥、主管机构 CA、文件签名者）</translation>
    </message>
    <message>
        <source>sign a certificate record from JSON</source>
        <translation>根据 JSON 签署证书记录</translation>
    </message>
    <message>
        <source>print a signed record or a number as a barcode image</source>
        <translation>将已签名记录或编号打印为条码图像</translation>
    </message>
    <message>
        <source>make a full or delta .kpsync bundle</source>
        <translation>生成完整或增量 .kpsync 数据包</translation>
    </message>
    <message>
        <source>add bundles to a folder for a web server or USB stick, with its signed index</source>
        <translation>将数据包添加到供 Web 服务器或 U 盘使用的文件夹，并附带其签名索引</translation>
    </message>
    <message>
        <source>issue a desk certificate for a desk&apos;s request</source>
        <translation>根据工作台的请求签发工作台证书</translation>
    </message>
    <message>
        <source>list the desks enrolled and revoked</source>
        <translation>列出已注册和已吊销的工作台</translation>
    </message>
    <message>
        <source>revoke a desk&apos;s certificate</source>
        <translation>吊销工作台的证书</translation>
    </message>
    <message>
        <source>take the desks&apos; messages from an intake folder into the ledger</source>
        <translation>将各工作台的消息从接收文件夹收入台账</translation>
    </message>
    <message>
        <source>list the reasonable doubts the desks reported</source>
        <translation>列出各工作台报告的合理怀疑</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli authority SUBCOMMAND --help&apos; for its options.</source>
        <translation>运行 &apos;kpdesk-cli authority SUBCOMMAND --help&apos; 查看其选项。</translation>
    </message>
    <message>
        <source>kpdesk-cli authority: unknown subcommand &apos;%1&apos;.</source>
        <translation>kpdesk-cli authority：未知子命令“%1”。</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>kpdesk-cli %1: %2</source>
        <translation>kpdesk-cli %1：%2</translation>
    </message>
    <message>
        <source>Try &apos;kpdesk-cli %1 --help&apos;.</source>
        <translation>请尝试 &apos;kpdesk-cli %1 --help&apos;。</translation>
    </message>
    <message>
        <source>The desk&apos;s cache file (default: %1).</source>
        <translation>工作台的缓存文件（默认：%1）。</translation>
    </message>
    <message>
        <source>The desk&apos;s audit trail could not be written: %1</source>
        <translation>无法写入工作台的审计记录：%1</translation>
    </message>
    <message>
        <source>Where to make the demo desk (default: %1).</source>
        <translation>创建演示工作台的位置（默认：%1）。</translation>
    </message>
    <message>
        <source>Make a DEMO desk (demo PKI, certificates, barcode images, bundles, cache) and show the verdict for each demo certificate.</source>
        <translation>创建一个演示 DEMO 工作台（演示 PKI、证书、条码图像、数据包、缓存），并显示每份演示证书的结论。</translation>
    </message>
    <message>
        <source>=== KP Desk DEMO: demo data, not real certificates ===</source>
        <translation>=== KP Desk 演示 DEMO：演示数据，并非真实证书 ===</translation>
    </message>
    <message>
        <source>Making a demo desk of the EU in %1 ...</source>
        <translation>正在 %1 中创建欧盟的演示工作台...</translation>
    </message>
    <message>
        <source>demo: %1</source>
        <translation>演示 DEMO：%1</translation>
    </message>
    <message>
        <source>Desk cache %1, bundles applied: %2</source>
        <translation>工作台缓存 %1，已应用的数据包：%2</translation>
    </message>
    <message>
        <source>unread</source>
        <translation>未读取</translation>
    </message>
    <message>
        <source>all checks passed (%1)</source>
        <translation>所有检查均合格（%1）</translation>
    </message>
    <message>
        <source>Try one yourself:</source>
        <translation>请自己试一个：</translation>
    </message>
    <message numerus="yes">
        <source>demo: %Ln certificate(s) did not get the expected verdict.</source>
        <translation>
            <numerusform>演示 DEMO：%Ln 份证书未得到预期的结论。</numerusform>
        </translation>
    </message>
    <message>
        <source>The participant this desk works for (e.g. EU, CA, NA).</source>
        <translation>本工作台所服务的参与方（例如 EU、CA、NA）。</translation>
    </message>
    <message>
        <source>The home authority&apos;s bundle signer certificate (PEM). Repeat for key rollover.</source>
        <translation>所属主管机构的数据包签名者证书（PEM）。密钥轮换时可重复使用。</translation>
    </message>
    <message>
        <source>CERT.pem</source>
        <translation>CERT.pem</translation>
    </message>
    <message>
        <source>A sync source (URL or folder) to use by default. Repeatable.</source>
        <translation>默认使用的同步来源（URL 或文件夹）。可重复使用。</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>SOURCE</translation>
    </message>
    <message>
        <source>init: --participant needs a two-letter participant code (e.g. EU, NA).</source>
        <translation>init：--participant 需要两字母的参与方代码（例如 EU、NA）。</translation>
    </message>
    <message>
        <source>init: at least one --bundle-key CERT.pem is needed.</source>
        <translation>init：至少需要一个 --bundle-key CERT.pem。</translation>
    </message>
    <message>
        <source>init: %1 holds no X.509 certificate: %2</source>
        <translation>init：%1 中没有 X.509 证书：%2</translation>
    </message>
    <message>
        <source>init: %1</source>
        <translation>init：%1</translation>
    </message>
    <message>
        <source>init: %1 is already a desk of %2; use another file.</source>
        <translation>init：%1 已是 %2 的工作台；请使用其他文件。</translation>
    </message>
    <message numerus="yes">
        <source>Desk of %1 ready in %2, with %Ln pinned bundle key(s).</source>
        <translation>
            <numerusform>%1 的工作台已在 %2 中就绪，已固定 %Ln 个数据包密钥。</numerusform>
        </translation>
    </message>
    <message>
        <source>Print one JSON object.</source>
        <translation>输出一个 JSON 对象。</translation>
    </message>
    <message>
        <source>Show the desk&apos;s participant, data sequence, freshness and record counts.</source>
        <translation>显示工作台的参与方、数据序列号、时效和记录数量。</translation>
    </message>
    <message>
        <source>The desk&apos;s data is damaged and cannot be trusted: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>工作台数据已损坏，不可信任：请运行 &apos;kpdesk-cli repair --db %1&apos;，然后同步。</translation>
    </message>
    <message>
        <source>(could not be read)</source>
        <translation>（无法读取）</translation>
    </message>
    <message>
        <source>KP Desk cache %1</source>
        <translation>KP Desk 缓存 %1</translation>
    </message>
    <message>
        <source>DAMAGED: %1</source>
        <translation>已损坏：%1</translation>
    </message>
    <message>
        <source>participant</source>
        <translation>参与方</translation>
    </message>
    <message>
        <source>seq</source>
        <translation>seq</translation>
    </message>
    <message>
        <source>0 (never synced)</source>
        <translation>0（从未同步）</translation>
    </message>
    <message>
        <source>published</source>
        <translation>发布于</translation>
    </message>
    <message>
        <source>fresh until</source>
        <translation>有效至</translation>
    </message>
    <message>
        <source>  STALE: sync now</source>
        <translation>  已过期：请立即同步</translation>
    </message>
    <message>
        <source>last sync</source>
        <translation>上次同步</translation>
    </message>
    <message>
        <source>last attempt</source>
        <translation>上次尝试</translation>
    </message>
    <message>
        <source>sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>A .kpsync bundle file, a folder with a sync index (e.g. a USB stick), or the authority&apos;s http(s) base URL. Default: the desk&apos;s configured sources.</source>
        <translation>.kpsync 数据包文件、含同步索引的文件夹（例如 U 盘），或主管机构的 http(s) 基础 URL。默认：工作台已配置的来源。</translation>
    </message>
    <message>
        <source>HTTP proxy as host:port, or &apos;none&apos;. Default: the system&apos;s proxy settings.</source>
        <translation>HTTP 代理，格式为 host:port，或 &apos;none&apos;。默认：系统的代理设置。</translation>
    </message>
    <message>
        <source>PROXY</source>
        <translation>PROXY</translation>
    </message>
    <message>
        <source>A CA certificate (PEM) to trust for the server, besides the system&apos;s.</source>
        <translation>除系统证书外，另外信任该服务器的 CA 证书（PEM）。</translation>
    </message>
    <message>
        <source>Seconds without data before a try is given up (default 30).</source>
        <translation>无数据多少秒后放弃本次尝试（默认 30）。</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SECONDS</translation>
    </message>
    <message>
        <source>Further tries after a network failure (default 3).</source>
        <translation>网络故障后的重试次数（默认 3）。</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date from its home authority. Each bundle is applied whole or not at all.</source>
        <translation>从所属主管机构更新工作台数据。每个数据包要么完整应用，要么完全不应用。</translation>
    </message>
    <message>
        <source>sync: name at most one SOURCE.</source>
        <translation>sync：最多指定一个 SOURCE。</translation>
    </message>
    <message>
        <source>sync: %1</source>
        <translation>sync：%1</translation>
    </message>
    <message>
        <source>sync: no SOURCE given and none configured (kpdesk-cli sources --db FILE --set SOURCE).</source>
        <translation>sync：未给出 SOURCE，也未配置任何来源（kpdesk-cli sources --db FILE --set SOURCE）。</translation>
    </message>
    <message>
        <source>sync: --timeout needs a number of seconds.</source>
        <translation>sync：--timeout 需要秒数。</translation>
    </message>
    <message>
        <source>sync: --retries needs a number.</source>
        <translation>sync：--retries 需要一个数字。</translation>
    </message>
    <message>
        <source>sync: %1: %2</source>
        <translation>sync：%1：%2</translation>
    </message>
    <message>
        <source>Already current at seq %1 (%2); nothing changed.</source>
        <translation>已是最新，seq %1（%2）；未做任何更改。</translation>
    </message>
    <message>
        <source>Applied %1 bundle seq %2 (%3).</source>
        <translation>已应用%1数据包 seq %2（%3）。</translation>
    </message>
    <message>
        <source>delta from %1</source>
        <translation>基于 %1 的增量</translation>
    </message>
    <message>
        <source>The desk is at seq %1.</source>
        <translation>工作台处于 seq %1。</translation>
    </message>
    <message>
        <source>Replace the desk&apos;s sync sources with these (URL or folder), tried in order. Repeatable.</source>
        <translation>用这些来源（URL 或文件夹）替换工作台的同步来源，按顺序尝试。可重复使用。</translation>
    </message>
    <message>
        <source>Remove every configured source.</source>
        <translation>删除所有已配置的来源。</translation>
    </message>
    <message>
        <source>Show or set where &apos;sync&apos; takes bundles from when no SOURCE is given.</source>
        <translation>显示或设置未给出 SOURCE 时 &apos;sync&apos; 从何处获取数据包。</translation>
    </message>
    <message>
        <source>sources: %1</source>
        <translation>sources：%1</translation>
    </message>
    <message>
        <source>Participant: %1</source>
        <translation>参与方：%1</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>未注册。</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>未注册：工作台 %1 正在等待其证书。</translation>
    </message>
    <message>
        <source>Desk: %1</source>
        <translation>工作台：%1</translation>
    </message>
    <message>
        <source>Certificate: C=%1, CN=%2</source>
        <translation>证书：C=%1，CN=%2</translation>
    </message>
    <message>
        <source>Valid: %1 to %2 (UTC)</source>
        <translation>有效期：%1 至 %2（UTC）</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256：%1</translation>
    </message>
    <message>
        <source>The desk&apos;s id: participant, post and desk (e.g. EU-ANR-03).</source>
        <translation>工作台 ID：参与方、口岸和工作台（例如 EU-ANR-03）。</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Where to write the certificate request for the authority.</source>
        <translation>为主管机构写入证书请求的位置。</translation>
    </message>
    <message>
        <source>FILE.pem</source>
        <translation>FILE.pem</translation>
    </message>
    <message>
        <source>Enrol an enrolled desk again: a new key replaces the old one.</source>
        <translation>重新注册已注册的工作台：新密钥将替换旧密钥。</translation>
    </message>
    <message>
        <source>Install the desk certificate the authority issued.</source>
        <translation>安装主管机构签发的工作台证书。</translation>
    </message>
    <message>
        <source>Show the desk&apos;s enrolment.</source>
        <translation>显示工作台的注册情况。</translation>
    </message>
    <message>
        <source>With --status: print one JSON object.</source>
        <translation>与 --status 一起使用：输出一个 JSON 对象。</translation>
    </message>
    <message>
        <source>Make the desk&apos;s key and a certificate request for its home authority, install the certificate it issues, or show the enrolment. The private key stays in a file beside the desk&apos;s database, readable by this user only.</source>
        <translation>生成工作台的密钥和面向所属主管机构的证书请求、安装其签发的证书，或显示注册情况。私钥保存在工作台数据库旁的文件中，仅本用户可读。</translation>
    </message>
    <message>
        <source>give --desk-id ID with --csr-out FILE.pem, or --install CERT.pem, or --status.</source>
        <translation>请提供 --desk-id ID 和 --csr-out FILE.pem，或 --install CERT.pem，或 --status。</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority (&apos;kpdesk-cli authority enrol&apos;), then install the certificate with --install.</source>
        <translation>已将工作台 %1 的证书请求写入 %2：请将其交给所属主管机构（&apos;kpdesk-cli authority enrol&apos;），然后用 --install 安装证书。</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>已安装工作台 %1 的证书，有效期至 %2（UTC）。</translation>
    </message>
    <message>
        <source>The desk&apos;s certificate request.</source>
        <translation>工作台的证书请求。</translation>
    </message>
    <message>
        <source>Where to write the desk certificate.</source>
        <translation>工作台证书的写入位置。</translation>
    </message>
    <message>
        <source>Days the certificate is valid (default 730).</source>
        <translation>证书的有效天数（默认 730）。</translation>
    </message>
    <message>
        <source>Issue a desk certificate with the home participant&apos;s authority CA, and add the desk to the authority&apos;s list.</source>
        <translation>用所属参与方的主管机构 CA 签发工作台证书，并将该工作台加入主管机构的列表。</translation>
    </message>
    <message>
        <source>--csr FILE.pem and --out CERT.pem are required; --days needs a number.</source>
        <translation>必须提供 --csr FILE.pem 和 --out CERT.pem；--days 需要一个数字。</translation>
    </message>
    <message>
        <source>Enrolled desk %1 until %2 (UTC); its certificate is in %3.</source>
        <translation>已注册工作台 %1，有效期至 %2（UTC）；其证书位于 %3。</translation>
    </message>
    <message>
        <source>List the desks the authority enrolled and revoked.</source>
        <translation>列出主管机构已注册和已吊销的工作台。</translation>
    </message>
    <message>
        <source>No desk enrolled yet.</source>
        <translation>尚未注册任何工作台。</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>已于 %1 吊销</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>有效期至 %1</translation>
    </message>
    <message>
        <source>The desk&apos;s id (e.g. EU-ANR-03).</source>
        <translation>工作台 ID（例如 EU-ANR-03）。</translation>
    </message>
    <message>
        <source>Revoke every certificate of a desk in the authority&apos;s list.</source>
        <translation>吊销主管机构列表中某工作台的所有证书。</translation>
    </message>
    <message>
        <source>--desk ID is required.</source>
        <translation>必须提供 --desk ID。</translation>
    </message>
    <message>
        <source>Revoked desk %1.</source>
        <translation>已吊销工作台 %1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 is not a CA certificate.</source>
        <translation>%1 不是 CA 证书。</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, message %3 never arrived</source>
        <translation>缺失：工作台 %1 发送了 n=%2，消息 %3 始终未到达</translation>
    </message>
    <message>
        <source>gap: desk %1 sent n=%2, messages %3 to %4 never arrived</source>
        <translation>缺失：工作台 %1 发送了 n=%2，消息 %3 至 %4 始终未到达</translation>
    </message>
    <message>
        <source>repeat: desk %1 sent n=%2 again as another message (%3; first %4)</source>
        <translation>重复：工作台 %1 以另一条消息再次发送了 n=%2（%3；第一条：%4）</translation>
    </message>
    <message>
        <source>audit trail rewritten? desk %1, message %2 gives another hash for an audit entry than message %3</source>
        <translation>审计记录被改写？工作台 %1：消息 %2 中某审计条目的哈希与消息 %3 中的不同</translation>
    </message>
    <message>
        <source>taken</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>skipped (already taken)</source>
        <translation>已跳过（此前已接收）</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <source>--ledger FILE is required.</source>
        <translation>必须提供 --ledger FILE。</translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger (created on first use).</source>
        <translation>主管机构的消息台账（首次使用时创建）。</translation>
    </message>
    <message>
        <source>Print the outcome as JSON.</source>
        <translation>以 JSON 输出结果。</translation>
    </message>
    <message>
        <source>The folder the desks&apos; messages arrive in.</source>
        <translation>各工作台消息到达的文件夹。</translation>
    </message>
    <message>
        <source>Take the desks&apos; messages (*.kpmsg) from an intake folder into the ledger; refused ones go to INTAKE_DIR/refused/ with their reason.</source>
        <translation>将各工作台的消息（*.kpmsg）从接收文件夹收入台账；被拒收的消息连同其原因移至 INTAKE_DIR/refused/。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) taken</source>
        <translation>
            <numerusform>已接收 %Ln 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped</source>
        <translation>
            <numerusform>已跳过 %Ln 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>已拒收 %Ln 条</numerusform>
        </translation>
    </message>
    <message>
        <source>The authority&apos;s message ledger.</source>
        <translation>主管机构的消息台账。</translation>
    </message>
    <message>
        <source>Print the cases as JSON.</source>
        <translation>以 JSON 输出案件。</translation>
    </message>
    <message>
        <source>List the reasonable doubts the desks reported, newest first.</source>
        <translation>列出各工作台报告的合理怀疑，最新的在前。</translation>
    </message>
    <message>
        <source>No doubts received.</source>
        <translation>未收到任何存疑报告。</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>desk %1</source>
        <translation>工作台 %1</translation>
    </message>
    <message>
        <source>case %1, message %2</source>
        <translation>案件 %1，消息 %2</translation>
    </message>
    <message>
        <source>decision: %1</source>
        <translation>决定：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>to: %1</source>
        <translation>收件方：%1</translation>
    </message>
    <message>
        <source>files: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>create a desk cache for a participant, pinning its bundle key</source>
        <translation>为参与方创建工作台缓存，并固定其数据包密钥</translation>
    </message>
    <message>
        <source>bring the desk up to date from a bundle file, folder or URL</source>
        <translation>从数据包文件、文件夹或 URL 更新工作台</translation>
    </message>
    <message>
        <source>show or set the desk&apos;s default sync sources</source>
        <translation>显示或设置工作台的默认同步来源</translation>
    </message>
    <message>
        <source>show the desk&apos;s participant, data and freshness</source>
        <translation>显示工作台的参与方、数据和时效</translation>
    </message>
    <message>
        <source>rebuild a damaged desk cache, keeping the desk&apos;s own records</source>
        <translation>重建损坏的工作台缓存，保留工作台自身的记录</translation>
    </message>
    <message>
        <source>verify a certificate from a barcode image or text</source>
        <translation>根据条码图像或文本核验证书</translation>
    </message>
    <message>
        <source>list every barcode found in images</source>
        <translation>列出图像中找到的所有条码</translation>
    </message>
    <message>
        <source>authority side: demo PKI, issue, render, publish bundles</source>
        <translation>主管机构端：演示 PKI、签发、生成条码、发布数据包</translation>
    </message>
    <message>
        <source>enrol the desk with its home authority: key, request, certificate</source>
        <translation>在所属主管机构注册工作台：密钥、请求、证书</translation>
    </message>
    <message>
        <source>list the desk&apos;s messages to its authority, export them to a folder or send them</source>
        <translation>列出工作台发给其主管机构的消息，将其导出到文件夹或发送</translation>
    </message>
    <message>
        <source>make a demo desk with demo certificates and show their verdicts</source>
        <translation>创建带演示证书的演示 DEMO 工作台，并显示其结论</translation>
    </message>
    <message>
        <source>add, list, disable accounts and set their passwords</source>
        <translation>添加、列出、停用账户并设置其密码</translation>
    </message>
    <message>
        <source>verify, record the physical check and release a shipment</source>
        <translation>核验、记录实物检查并放行货物</translation>
    </message>
    <message>
        <source>verify, record and flag reasonable doubt: opens a case</source>
        <translation>核验、记录并标记存疑：开启一个案件</translation>
    </message>
    <message>
        <source>list the desk&apos;s cases with their state and events</source>
        <translation>列出工作台的案件及其状态和事件</translation>
    </message>
    <message>
        <source>take, decide, note, close or reopen a case</source>
        <translation>接手、决定、备注、结案或重新开启案件</translation>
    </message>
    <message>
        <source>write one case or one inspection as a PDF for the customs file</source>
        <translation>将一个案件或一次查验写成 PDF，供海关存档</translation>
    </message>
    <message>
        <source>find past inspections by number, dates, verdict, officer</source>
        <translation>按编号、日期、结论、关员查找以往的查验</translation>
    </message>
    <message>
        <source>verify or export the desk&apos;s audit trail</source>
        <translation>核验或导出工作台的审计记录</translation>
    </message>
    <message>
        <source>show or change the desk&apos;s settings</source>
        <translation>显示或更改工作台的设置</translation>
    </message>
    <message>
        <source>Usage: kpdesk-cli COMMAND [OPTIONS]</source>
        <translation>用法：kpdesk-cli COMMAND [OPTIONS]</translation>
    </message>
    <message>
        <source>KP Desk: verify Kimberley Process certificates at an import desk.</source>
        <translation>KP Desk：在进口柜台核验金伯利进程证书。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Run &apos;kpdesk-cli COMMAND --help&apos; for a command&apos;s options.</source>
        <translation>运行 &apos;kpdesk-cli COMMAND --help&apos; 查看某个命令的选项。</translation>
    </message>
    <message>
        <source>Exit status of verify: 0 accept, 1 doubt, 2 reject, 3 nothing to verify, 4 usage or environment error.</source>
        <translation>verify 的退出状态：0 通过，1 存疑，2 拒绝，3 无可核验内容，4 用法或环境错误。</translation>
    </message>
    <message>
        <source>kpdesk-cli: unknown command &apos;%1&apos;.</source>
        <translation>kpdesk-cli：未知命令“%1”。</translation>
    </message>
    <message>
        <source>delivered %1 to %2</source>
        <translation>已于 %1 送达 %2</translation>
    </message>
    <message>
        <source>handed over %1 in %2</source>
        <translation>已于 %1 放入 %2</translation>
    </message>
    <message numerus="yes">
        <source>waiting; %Ln attempt(s), last: %1</source>
        <translation>
            <numerusform>等待中；已尝试 %Ln 次，最近一次：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) waiting.</source>
        <translation>
            <numerusform>%Ln 条消息等待中。</numerusform>
        </translation>
    </message>
    <message>
        <source>list: as JSON.</source>
        <translation>list：以 JSON 输出。</translation>
    </message>
    <message>
        <source>list (the default), export DIR, or send.</source>
        <translation>list（默认）、export DIR 或 send。</translation>
    </message>
    <message>
        <source>The desk&apos;s messages to its home authority: list them, copy the waiting ones to a folder (export DIR), or PUT them to the intake (send).
Exit status: 0 done (send: every message delivered), 1 some stay waiting (the reasons are printed), 4 usage or environment error.</source>
        <translation>工作台发给所属主管机构的消息：列出消息、将等待中的消息复制到文件夹（export DIR），或通过 PUT 发送到接收地址（send）。
退出状态：0 完成（send：所有消息均已送达），1 部分消息仍在等待（会输出原因），4 用法或环境错误。</translation>
    </message>
    <message>
        <source>outbox: give list, export DIR, or send.</source>
        <translation>outbox：请指定 list、export DIR 或 send。</translation>
    </message>
    <message>
        <source>outbox %1: %2</source>
        <translation>outbox %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) copied to the folder.</source>
        <translation>
            <numerusform>已将 %Ln 条消息复制到文件夹。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) delivered.</source>
        <translation>
            <numerusform>已送达 %Ln 条消息。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln still waiting.</source>
        <translation>
            <numerusform>仍有 %Ln 条在等待。</numerusform>
        </translation>
    </message>
    <message>
        <source>The case to print.</source>
        <translation>要打印的案件。</translation>
    </message>
    <message>
        <source>CASE_ID</source>
        <translation>CASE_ID</translation>
    </message>
    <message>
        <source>The inspection to print.</source>
        <translation>要打印的查验。</translation>
    </message>
    <message>
        <source>INSPECTION_ID</source>
        <translation>INSPECTION_ID</translation>
    </message>
    <message>
        <source>The PDF file to write.</source>
        <translation>要写入的 PDF 文件。</translation>
    </message>
    <message>
        <source>Write one case (with its events, attachments and inspection) or one inspection as a PDF (A4).
Exit status: 0 written, 1 no such case or inspection, 4 usage or environment error (the desk cannot be read, the file cannot be written).</source>
        <translation>将一个案件（含其事件、附件和查验）或一次查验写成 PDF（A4）。
退出状态：0 已写入，1 无此案件或查验，4 用法或环境错误（无法读取工作台，无法写入文件）。</translation>
    </message>
    <message>
        <source>print: give one of --case CASE_ID or --inspection INSPECTION_ID, and --out FILE.pdf.</source>
        <translation>print：请给出 --case CASE_ID 或 --inspection INSPECTION_ID 之一，以及 --out FILE.pdf。</translation>
    </message>
    <message>
        <source>print: %1</source>
        <translation>print：%1</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln page(s))</source>
        <translation>
            <numerusform>%1（%Ln 页）</numerusform>
        </translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>本工作台启用案件管理之前保留的存疑标记无法导入：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln flag(s) kept before this desk had cases are now cases.</source>
        <translation>
            <numerusform>本工作台启用案件管理之前保留的 %Ln 个存疑标记现已成为案件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <source>%1: no password on standard input.</source>
        <translation>%1：标准输入中没有密码。</translation>
    </message>
    <message>
        <source>The barcode text or certificate number.</source>
        <translation>条码文本或证书编号。</translation>
    </message>
    <message>
        <source>The certificate number.</source>
        <translation>证书编号。</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>NO</translation>
    </message>
    <message>
        <source>An image of the certificate&apos;s barcode.</source>
        <translation>证书条码的图像。</translation>
    </message>
    <message>
        <source>%1: give one of --text TEXT, --number NO or one IMAGE.</source>
        <translation>%1：请给出 --text TEXT、--number NO 或一个 IMAGE 之一。</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1：%2：%3</translation>
    </message>
    <message>
        <source>%1: nothing to verify (empty text).</source>
        <translation>%1：无可核验内容（文本为空）。</translation>
    </message>
    <message>
        <source>The account&apos;s name.</source>
        <translation>账户名称。</translation>
    </message>
    <message>
        <source>officer, supervisor or administrator.</source>
        <translation>officer、supervisor 或 administrator。</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROLE</translation>
    </message>
    <message>
        <source>add, list, disable or passwd.</source>
        <translation>add、list、disable 或 passwd。</translation>
    </message>
    <message>
        <source>users: give one of add, list, disable, passwd.</source>
        <translation>users：请指定 add、list、disable、passwd 之一。</translation>
    </message>
    <message>
        <source>users %1: --name NAME is needed.</source>
        <translation>users %1：需要 --name NAME。</translation>
    </message>
    <message>
        <source>users disable: %1</source>
        <translation>users disable：%1</translation>
    </message>
    <message>
        <source>Account %1 disabled.</source>
        <translation>账户 %1 已停用。</translation>
    </message>
    <message>
        <source>users add: --role is officer, supervisor or administrator.</source>
        <translation>users add：--role 应为 officer、supervisor 或 administrator。</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>%1 的新密码：</translation>
    </message>
    <message>
        <source>users %1: no password on standard input.</source>
        <translation>users %1：标准输入中没有密码。</translation>
    </message>
    <message>
        <source>users add: %1</source>
        <translation>users add：%1</translation>
    </message>
    <message>
        <source>Account %1 (%2) added: %3</source>
        <translation>已添加账户 %1（%2）：%3</translation>
    </message>
    <message>
        <source>users passwd: %1</source>
        <translation>users passwd：%1</translation>
    </message>
    <message>
        <source>Password of %1 changed.</source>
        <translation>%1 的密码已更改。</translation>
    </message>
    <message>
        <source>%1: --user NAME is needed.</source>
        <translation>%1：需要 --user NAME。</translation>
    </message>
    <message>
        <source>Inspection %1: %2 %3</source>
        <translation>查验 %1：%2 %3</translation>
    </message>
    <message>
        <source>Who signs in (password on standard input).</source>
        <translation>登录人员（密码从标准输入读取）。</translation>
    </message>
    <message>
        <source>Parcels counted.</source>
        <translation>清点的包裹数。</translation>
    </message>
    <message>
        <source>Mass weighed, in carats.</source>
        <translation>称得的重量，单位为克拉。</translation>
    </message>
    <message>
        <source>CARATS</source>
        <translation>CARATS</translation>
    </message>
    <message>
        <source>The seals are intact.</source>
        <translation>封条完好。</translation>
    </message>
    <message>
        <source>The importer matches the declaration.</source>
        <translation>进口商与申报单相符。</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and its physical check, and release the shipment when the role and the verdict allow it.
Exit status: 0 released, 1 not released (the reason is printed and recorded), 3 nothing to verify, 4 usage or environment error.</source>
        <translation>核验证书、记录查验及其实物检查，并在角色和结论允许时放行货物。
退出状态：0 已放行，1 未放行（会输出并记录原因），3 无可核验内容，4 用法或环境错误。</translation>
    </message>
    <message>
        <source>release: --parcels N and --mass CARATS are needed.</source>
        <translation>release：需要 --parcels N 和 --mass CARATS。</translation>
    </message>
    <message>
        <source>release: %1</source>
        <translation>release：%1</translation>
    </message>
    <message>
        <source>release: not released: %1</source>
        <translation>release：未放行：%1</translation>
    </message>
    <message>
        <source>RELEASED: %1 by %2</source>
        <translation>已放行：%1，经办人 %2</translation>
    </message>
    <message>
        <source>release: no import confirmation was made: %1</source>
        <translation>release：未生成进口确认：%1</translation>
    </message>
    <message>
        <source>Import confirmation waiting in the outbox (kpdesk-cli outbox send).</source>
        <translation>进口确认正在发件箱中等待（kpdesk-cli outbox send）。</translation>
    </message>
    <message>
        <source>A reason for doubt (repeatable).</source>
        <translation>存疑理由（可重复使用）。</translation>
    </message>
    <message>
        <source>A note.</source>
        <translation>备注。</translation>
    </message>
    <message>
        <source>A file to attach (repeatable).</source>
        <translation>要附加的文件（可重复使用）。</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>货物已扣留。</translation>
    </message>
    <message>
        <source>Verify a certificate, record the inspection and flag reasonable doubt: opens a case and prints its id.</source>
        <translation>核验证书、记录查验并标记存疑：开启一个案件并输出其 ID。</translation>
    </message>
    <message>
        <source>flag: --reason TEXT is needed.</source>
        <translation>flag：需要 --reason TEXT。</translation>
    </message>
    <message>
        <source>flag: %1</source>
        <translation>flag：%1</translation>
    </message>
    <message>
        <source>Only cases in this state.</source>
        <translation>仅限处于此状态的案件。</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATE</translation>
    </message>
    <message>
        <source>List the desk&apos;s cases, held shipments first then oldest, with their events.</source>
        <translation>列出工作台的案件及其事件，扣留货物的案件在前，其余按从旧到新排列。</translation>
    </message>
    <message>
        <source>cases: --state is open, in_review, decided, escalated or closed.</source>
        <translation>cases：--state 应为 open、in_review、decided、escalated 或 closed。</translation>
    </message>
    <message>
        <source>HELD</source>
        <translation>已扣留</translation>
    </message>
    <message>
        <source>case escalate: the PDF of the case could not be made: %1</source>
        <translation>case escalate：无法生成案件的 PDF：%1</translation>
    </message>
    <message>
        <source>case: %1</source>
        <translation>case：%1</translation>
    </message>
    <message>
        <source>case recheck: %1</source>
        <translation>case recheck：%1</translation>
    </message>
    <message>
        <source>the case&apos;s inspection %1 is not in the records.</source>
        <translation>记录中没有该案件的查验 %1。</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>今天（%1）：%2</translation>
    </message>
    <message>
        <source>The certificate number (case and spaces ignored).</source>
        <translation>证书编号（忽略大小写和空格）。</translation>
    </message>
    <message>
        <source>From this day on (local time).</source>
        <translation>从这一天起（本地时间）。</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Up to this day, included (local time).</source>
        <translation>截至这一天，含当天（本地时间）。</translation>
    </message>
    <message>
        <source>The final verdict: accept, doubt or reject.</source>
        <translation>最终结论：accept、doubt 或 reject。</translation>
    </message>
    <message>
        <source>VERDICT</source>
        <translation>VERDICT</translation>
    </message>
    <message>
        <source>Who inspected (case ignored).</source>
        <translation>查验人（忽略大小写）。</translation>
    </message>
    <message>
        <source>The certificate&apos;s participant (two letters).</source>
        <translation>证书的参与方（两个字母）。</translation>
    </message>
    <message>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <source>At most N inspections (default 500).</source>
        <translation>最多 N 次查验（默认 500）。</translation>
    </message>
    <message>
        <source>Find the desk&apos;s past inspections, newest first. When more than the limit match, says so: narrow the search.
Exit status: 0 searched (even when none matched), 4 usage error or the records could not be read.</source>
        <translation>查找工作台以往的查验，最新的在前。匹配数超过上限时会予以说明：请缩小搜索范围。
退出状态：0 已搜索（即使没有匹配项），4 用法错误或无法读取记录。</translation>
    </message>
    <message>
        <source>inspections: --%1 needs a date as YYYY-MM-DD.</source>
        <translation>inspections：--%1 需要 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>inspections: --from is after --to.</source>
        <translation>inspections：--from 晚于 --to。</translation>
    </message>
    <message>
        <source>inspections: --verdict is accept, doubt or reject.</source>
        <translation>inspections：--verdict 应为 accept、doubt 或 reject。</translation>
    </message>
    <message>
        <source>inspections: --participant needs a two-letter code (e.g. BW).</source>
        <translation>inspections：--participant 需要两字母代码（例如 BW）。</translation>
    </message>
    <message>
        <source>inspections: --limit needs a number of at least 1.</source>
        <translation>inspections：--limit 需要不小于 1 的数字。</translation>
    </message>
    <message>
        <source>inspections: %1</source>
        <translation>inspections：%1</translation>
    </message>
    <message>
        <source>CASE</source>
        <translation>CASE</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>找到超过 %Ln 次查验：请缩小搜索范围。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>找到 %Ln 次查验。</numerusform>
        </translation>
    </message>
    <message>
        <source>decide: released, detained, seized or refused.</source>
        <translation>decide：released、detained、seized 或 refused。</translation>
    </message>
    <message>
        <source>OUTCOME</source>
        <translation>OUTCOME</translation>
    </message>
    <message>
        <source>The reason (decide, close, reopen).</source>
        <translation>理由（decide、close、reopen）。</translation>
    </message>
    <message>
        <source>The note&apos;s text.</source>
        <translation>备注的文本。</translation>
    </message>
    <message>
        <source>note: a file to attach as evidence (repeatable).</source>
        <translation>note：作为证据附加的文件（可重复使用）。</translation>
    </message>
    <message>
        <source>escalate: an addressee, a participant&apos;s code, KP-CHAIR or KP-WGM (repeatable; default: the issuer&apos;s and this desk&apos;s authorities, the KP Chair and the WGM).</source>
        <translation>escalate：收件方，为参与方代码、KP-CHAIR 或 KP-WGM（可重复使用；默认：签发方和本工作台的主管机构、KP 主席和 WGM）。</translation>
    </message>
    <message>
        <source>TO</source>
        <translation>TO</translation>
    </message>
    <message>
        <source>take, decide, note, escalate, close, reopen, or recheck (no --user: the inspection verified again against today&apos;s data, and what changed).</source>
        <translation>take、decide、note、escalate、close、reopen 或 recheck（不带 --user：用今天的数据再次核验该查验，并显示变化）。</translation>
    </message>
    <message>
        <source>The case&apos;s id.</source>
        <translation>案件 ID。</translation>
    </message>
    <message>
        <source>Work a case as a signed-in person.
Exit status: 0 done, 1 refused (role, four eyes, the case&apos;s state, sign-in), 4 usage or environment error.</source>
        <translation>以已登录人员身份处理案件。
退出状态：0 完成，1 被拒绝（角色、四眼原则、案件状态、登录），4 用法或环境错误。</translation>
    </message>
    <message>
        <source>case: give --user NAME, one of take, decide, note, escalate, close, reopen, and the CASE_ID.</source>
        <translation>case：请给出 --user NAME、take、decide、note、escalate、close、reopen 之一，以及 CASE_ID。</translation>
    </message>
    <message>
        <source>case decide: --outcome is released, detained, seized or refused.</source>
        <translation>case decide：--outcome 应为 released、detained、seized 或 refused。</translation>
    </message>
    <message>
        <source>Escalated to %1; message %2 waiting in the outbox.</source>
        <translation>已上报至 %1；消息 %2 正在发件箱中等待。</translation>
    </message>
    <message>
        <source>case note: %1</source>
        <translation>case note：%1</translation>
    </message>
    <message>
        <source>case note: give --text TEXT or --attach FILE.</source>
        <translation>case note：请给出 --text TEXT 或 --attach FILE。</translation>
    </message>
    <message>
        <source>case %1: %2</source>
        <translation>case %1：%2</translation>
    </message>
    <message>
        <source>Case %1: %2</source>
        <translation>案件 %1：%2</translation>
    </message>
    <message>
        <source>export: the file to write.</source>
        <translation>export：要写入的文件。</translation>
    </message>
    <message>
        <source>verify or export.</source>
        <translation>verify 或 export。</translation>
    </message>
    <message>
        <source>verify: recompute the audit trail&apos;s hash chain (exit 0 and &apos;entries N head HEX&apos;, or 1 naming the first entry that does not hold).
export: write the trail as a CBOR sequence (RFC 8742) of the entries as hashed.</source>
        <translation>verify：重新计算审计记录的哈希链（退出状态 0 并输出 &apos;entries N head HEX&apos;，或退出状态 1 并指出第一个不成立的条目）。
export：将审计记录按条目哈希时的形式写成 CBOR 序列（RFC 8742）。</translation>
    </message>
    <message>
        <source>audit: give &apos;verify&apos;, or &apos;export --out FILE&apos;.</source>
        <translation>audit：请指定 &apos;verify&apos; 或 &apos;export --out FILE&apos;。</translation>
    </message>
    <message>
        <source>audit verify: %1</source>
        <translation>audit verify：%1</translation>
    </message>
    <message>
        <source>audit verify: the trail does not hold at entry %1: %2</source>
        <translation>audit verify：审计记录在条目 %1 处不成立：%2</translation>
    </message>
    <message>
        <source>audit export: %1: %2</source>
        <translation>audit export：%1：%2</translation>
    </message>
    <message>
        <source>audit export: %1</source>
        <translation>audit export：%1</translation>
    </message>
    <message>
        <source>audit export: cannot write %1.</source>
        <translation>audit export：无法写入 %1。</translation>
    </message>
    <message>
        <source>on: a supervisor may decide a case they flagged (the decision says so).</source>
        <translation>on：主管可以对自己标记存疑的案件作出决定（决定中会注明）。</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>Lock an idle desk after N minutes.</source>
        <translation>工作台空闲 N 分钟后锁定。</translation>
    </message>
    <message>
        <source>What people call this desk.</source>
        <translation>人们对此工作台的称呼。</translation>
    </message>
    <message>
        <source>The home authority&apos;s intake base URL (https) for the outbox; &apos;&apos; for none.</source>
        <translation>发件箱使用的所属主管机构接收基础 URL（https）；&apos;&apos; 表示无。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A CA file (PEM) trusted for the intake server besides the system&apos;s.</source>
        <translation>除系统证书外，另外信任接收服务器的 CA 文件（PEM）。</translation>
    </message>
    <message>
        <source>HTTP proxy for the outbox as host:port, or &apos;none&apos;. Default: the system&apos;s.</source>
        <translation>发件箱的 HTTP 代理，格式为 host:port，或 &apos;none&apos;。默认：系统设置。</translation>
    </message>
    <message>
        <source>settings: --one-person-post is on or off.</source>
        <translation>settings：--one-person-post 应为 on 或 off。</translation>
    </message>
    <message>
        <source>settings: --idle-lock-minutes needs a number.</source>
        <translation>settings：--idle-lock-minutes 需要一个数字。</translation>
    </message>
    <message>
        <source>settings: %1</source>
        <translation>settings：%1</translation>
    </message>
    <message>
        <source>Rebuild a damaged desk cache: keep every readable record of the desk itself (configuration, presentations, inspections, flags, attachments), drop the authorities&apos; data to be fetched again by the next sync, and keep the damaged file beside it. Close the window first.</source>
        <translation>重建损坏的工作台缓存：保留工作台自身的所有可读记录（配置、出示记录、查验、存疑标记、附件），丢弃主管机构的数据（下次同步时重新获取），并将损坏的文件保留在旁边。请先关闭窗口。</translation>
    </message>
    <message>
        <source>repair: there is no desk cache at %1.</source>
        <translation>repair：%1 处没有工作台缓存。</translation>
    </message>
    <message>
        <source>repair: %1</source>
        <translation>repair：%1</translation>
    </message>
    <message>
        <source>Repaired the desk cache %1.</source>
        <translation>已修复工作台缓存 %1。</translation>
    </message>
    <message>
        <source>Kept (the desk&apos;s own records):</source>
        <translation>已保留（工作台自身的记录）：</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln 行</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost (could not be read from the damaged file):</source>
        <translation>已丢失（无法从损坏的文件中读取）：</translation>
    </message>
    <message>
        <source>some rows (how many is unknown)</source>
        <translation>部分行（数量未知）</translation>
    </message>
    <message>
        <source>Lost: nothing of the desk&apos;s own records.</source>
        <translation>已丢失：工作台自身的记录均未丢失。</translation>
    </message>
    <message>
        <source>Dropped: the authorities&apos; data (participants, CAs, signers, registry, revocations, rules, contacts); the desk is at seq 0.</source>
        <translation>已丢弃：主管机构的数据（参与方、CA、签名者、登记册、吊销、规则、联系人）；工作台处于 seq 0。</translation>
    </message>
    <message>
        <source>The damaged file is kept as %1.</source>
        <translation>损坏的文件已保留为 %1。</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again: kpdesk-cli sync --db %1</source>
        <translation>请立即同步以重新获取主管机构数据：kpdesk-cli sync --db %1</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>ACCEPT: every check passed; release unless the physical check finds otherwise.</source>
        <translation>通过：所有检查均合格；除非实物检查发现问题，否则放行。</translation>
    </message>
    <message>
        <source>DOUBT: examine the shipment, then release or flag reasonable doubt.</source>
        <translation>存疑：查看货物，然后放行或标记存疑。</translation>
    </message>
    <message>
        <source>REJECT: not authentic or not acceptable; hold the shipment.</source>
        <translation>拒绝：不是真实证书或不可接受；扣留货物。</translation>
    </message>
    <message>
        <source>Certificate %1 (%2), inspected for %3 on %4</source>
        <translation>证书 %1（%2），于 %4 为 %3 查验</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>  Issued by %1 (%2) on %3, expires %4</source>
        <translation>  由 %1（%2）于 %3 签发，%4 到期</translation>
    </message>
    <message>
        <source>  Exporter: %1, %2</source>
        <translation>  出口商：%1，%2</translation>
    </message>
    <message>
        <source>  Importer: %1, %2</source>
        <translation>  进口商：%1，%2</translation>
    </message>
    <message>
        <source>  Origin: %1; parcels: %2; carats: %3; US$ %4</source>
        <translation>  原产地：%1；包裹：%2；克拉：%3；%4 美元</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>Validation date (default: today).</source>
        <translation>验证日期（默认：今天）。</translation>
    </message>
    <message>
        <source>Count this as a presentation at this desk.</source>
        <translation>将此计为在本工作台的一次出示。</translation>
    </message>
    <message>
        <source>Verify this barcode text or certificate number.</source>
        <translation>核验此条码文本或证书编号。</translation>
    </message>
    <message>
        <source>verify: give either --text TEXT or one IMAGE.</source>
        <translation>verify：请给出 --text TEXT 或一个 IMAGE 之一。</translation>
    </message>
    <message>
        <source>verify: --at needs a date as YYYY-MM-DD.</source>
        <translation>verify：--at 需要 YYYY-MM-DD 格式的日期。</translation>
    </message>
    <message>
        <source>verify: %1 is not an initialised desk (run &apos;kpdesk-cli init&apos;).</source>
        <translation>verify：%1 不是已初始化的工作台（请运行 &apos;kpdesk-cli init&apos;）。</translation>
    </message>
    <message>
        <source>verify: %1: %2</source>
        <translation>verify：%1：%2</translation>
    </message>
    <message>
        <source>verify: nothing to verify (empty text).</source>
        <translation>verify：无可核验内容（文本为空）。</translation>
    </message>
    <message>
        <source>verify: the desk&apos;s data could not be read: run &apos;kpdesk-cli repair --db %1&apos;, then sync.</source>
        <translation>verify：无法读取工作台数据：请运行 &apos;kpdesk-cli repair --db %1&apos;，然后同步。</translation>
    </message>
    <message>
        <source>verify: the presentation was not recorded: %1</source>
        <translation>verify：未记录此次出示：%1</translation>
    </message>
    <message>
        <source>Image files (PNG, JPEG, TIFF, BMP).</source>
        <translation>图像文件（PNG、JPEG、TIFF、BMP）。</translation>
    </message>
    <message>
        <source>List every barcode found in each image: symbology and text, whatever it holds.</source>
        <translation>列出每张图像中找到的所有条码：码制和文本，无论其内容如何。</translation>
    </message>
    <message>
        <source>decode: name at least one IMAGE.</source>
        <translation>decode：请至少指定一个 IMAGE。</translation>
    </message>
    <message>
        <source>no barcode found</source>
        <translation>未找到条码</translation>
    </message>
    <message>
        <source>Create a desk cache for a participant and pin its home authority&apos;s bundle keys.</source>
        <translation>为参与方创建工作台缓存，并固定其所属主管机构的数据包密钥。</translation>
    </message>
    <message>
        <source>link the desk to its office&apos;s database and replicate with it</source>
        <translation>将工作台连接到所属办事处的数据库，并与之复制数据</translation>
    </message>
    <message>
        <source>create or migrate the office&apos;s database schema</source>
        <translation>创建或迁移办事处的数据库架构</translation>
    </message>
    <message>
        <source>office: %1</source>
        <translation>office：%1</translation>
    </message>
    <message>
        <source>This desk replicates with %1.</source>
        <translation>本工作台与 %1 复制数据。</translation>
    </message>
    <message>
        <source>Its password is kept in %1, readable by this account only.</source>
        <translation>其密码保存在 %1 中，仅本账户可读。</translation>
    </message>
    <message>
        <source>No office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>未设置办事处（kpdesk-cli office --set postgresql://…）。</translation>
    </message>
    <message>
        <source>Office: %1</source>
        <translation>办事处：%1</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>已连接。</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>未连接：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln 条记录等待上传。</numerusform>
        </translation>
    </message>
    <message>
        <source>office --sync: %1</source>
        <translation>office --sync：%1</translation>
    </message>
    <message>
        <source>office --sync: no office is set (kpdesk-cli office --set postgresql://…).</source>
        <translation>office --sync：未设置办事处（kpdesk-cli office --set postgresql://…）。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) went up;</source>
        <translation>
            <numerusform>已上传 %Ln 条记录；</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) of other desks</source>
        <translation>
            <numerusform>其他工作台的 %Ln 个案件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %Ln event(s) made elsewhere came down.</source>
        <translation>
            <numerusform>以及别处产生的 %Ln 个事件已下载。</numerusform>
        </translation>
    </message>
    <message>
        <source>Replicate with this office: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE].</source>
        <translation>与此办事处复制数据：postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=MODE]。</translation>
    </message>
    <message>
        <source>Say whether the office answers and what waits.</source>
        <translation>显示办事处是否响应，以及有哪些内容在等待。</translation>
    </message>
    <message>
        <source>Push and pull once; 0 only when the office holds everything this desk made.</source>
        <translation>推送并拉取一次；仅当办事处存有本工作台产生的全部内容时才返回 0。</translation>
    </message>
    <message>
        <source>With --sync: send everything this desk made again (an office restored from an older backup).</source>
        <translation>与 --sync 一起使用：重新发送本工作台产生的全部内容（用于从较旧备份恢复的办事处）。</translation>
    </message>
    <message>
        <source>Link the desk to its office&apos;s database, and replicate with it.</source>
        <translation>将工作台连接到所属办事处的数据库，并与之复制数据。</translation>
    </message>
    <message>
        <source>office: give one of --set, --status or --sync.</source>
        <translation>office：请给出 --set、--status 或 --sync 之一。</translation>
    </message>
    <message>
        <source>postgresql://OWNER@HOST[:PORT]/DATABASE</source>
        <translation>postgresql://OWNER@HOST[:PORT]/DATABASE</translation>
    </message>
    <message>
        <source>Create or migrate the office&apos;s schema (as the database&apos;s owner; the password from PGPASSWORD or ~/.pgpass rather than the URL).</source>
        <translation>创建或迁移办事处的架构（以数据库所有者身份；密码取自 PGPASSWORD 或 ~/.pgpass，而不是 URL）。</translation>
    </message>
    <message>
        <source>office-init: give the office&apos;s URL.</source>
        <translation>office-init：请给出办事处的 URL。</translation>
    </message>
    <message>
        <source>office-init: %1</source>
        <translation>office-init：%1</translation>
    </message>
    <message>
        <source>The office %1 is at schema %2.</source>
        <translation>办事处 %1 的架构为 %2。</translation>
    </message>
    <message>
        <source>Verify a certificate and print the verdict with every check.
Exit status: 0 accept, 1 doubt, 2 reject, 3 nothing to verify (no barcode, not a certificate), 4 usage or environment error.</source>
        <translation>核验证书并输出结论及每项检查。
退出状态：0 通过，1 存疑，2 拒绝，3 无可核验内容（无条码、不是证书），4 用法或环境错误。</translation>
    </message>
    <message>
        <source>verify: %1</source>
        <translation>verify：%1</translation>
    </message>
    <message>
        <source>MISMATCH at entry %1: message %2 (n=%3) reported %4, the trail has %5 (rewritten)</source>
        <translation>不符：条目 %1：消息 %2（n=%3）报告为 %4，审计记录中为 %5（已被改写）</translation>
    </message>
    <message>
        <source>MISSING entry %1: message %2 (n=%3) reported %4, the trail ends at entry %5 (entries removed, or the trail went back)</source>
        <translation>缺失：条目 %1：消息 %2（n=%3）报告为 %4，审计记录止于条目 %5（有条目被删除，或审计记录发生回退）</translation>
    </message>
    <message>
        <source>The desk whose trail it is (e.g. EU-ANR-03).</source>
        <translation>该审计记录所属的工作台（例如 EU-ANR-03）。</translation>
    </message>
    <message>
        <source>The desk&apos;s trail, as written by &apos;kpdesk-cli audit export&apos;.</source>
        <translation>工作台的审计记录，由 &apos;kpdesk-cli audit export&apos; 写出。</translation>
    </message>
    <message>
        <source>Check a desk&apos;s exported audit trail against every head (entry count and hash) the ledger received from that desk.</source>
        <translation>将工作台导出的审计记录与台账从该工作台收到的每个链头（条目数和哈希）进行核对。</translation>
    </message>
    <message>
        <source>--ledger FILE, --desk ID and one TRAIL file are needed.</source>
        <translation>需要 --ledger FILE、--desk ID 和一个 TRAIL 文件。</translation>
    </message>
    <message>
        <source>%1 is not a message ledger file.</source>
        <translation>%1 不是消息台账文件。</translation>
    </message>
    <message>
        <source>The ledger holds no head from desk %1: there is nothing to check the trail against.</source>
        <translation>台账中没有来自工作台 %1 的链头：没有可用于核对审计记录的依据。</translation>
    </message>
    <message>
        <source>not a file</source>
        <translation>不是文件</translation>
    </message>
    <message>
        <source>The trail itself does not hold: %1</source>
        <translation>审计记录本身不成立：%1</translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: the trail (%2 entries, head %3) holds every one of the %Ln head(s) received.</source>
        <translation>
            <numerusform>工作台 %1：审计记录（%2 个条目，链头 %3）包含所收到的全部 %Ln 个链头。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Desk %1: %2 of the %Ln head(s) received are not in the trail (%3 entries).</source>
        <translation>
            <numerusform>工作台 %1：所收到的 %Ln 个链头中有 %2 个不在审计记录中（%3 个条目）。</numerusform>
        </translation>
    </message>
    <message>
        <source>check a desk&apos;s exported audit trail against every head the ledger received</source>
        <translation>将工作台导出的审计记录与台账收到的每个链头进行核对</translation>
    </message>
    <message>
        <source>Seconds the whole sync from one source may take, however slowly data still comes, before it is given up (default 3600; 0: no limit).</source>
        <translation>从一个来源进行的整个同步最多可用的秒数（无论数据仍以多慢的速度到达），超过即放弃（默认 3600；0：不限制）。</translation>
    </message>
    <message>
        <source>sync: --deadline needs a number of seconds.</source>
        <translation>sync：--deadline 需要秒数。</translation>
    </message>
    <message>
        <source>audit trail went back? desk %1, message %2 (n=%3) gives fewer audit entries than message %4, made before it (restored from a backup, or entries removed)</source>
        <translation>审计记录回退？工作台 %1：消息 %2（n=%3）给出的审计条目少于在其之前生成的消息 %4（从备份恢复，或有条目被删除）</translation>
    </message>
    <message>
        <source>The authority&apos;s PKI folder (required): its list of enrolled and revoked desks is checked for every message (a desk it did not enrol, or revoked, is refused), and its home authority CA issues desk certificates.</source>
        <translation>主管机构的 PKI 文件夹（必需）：每条消息都会对照其中已注册和已吊销的工作台列表进行检查（未经其注册或已被吊销的工作台将被拒绝），其所属主管机构 CA 签发工作台证书。</translation>
    </message>
    <message>
        <source>Another authority CA certificate (PEM) that issues desk certificates, besides the PKI&apos;s (a CA rollover). Repeatable.</source>
        <translation>除 PKI 中的 CA 之外，另一个签发工作台证书的主管机构 CA 证书（PEM）（用于 CA 轮换）。可重复使用。</translation>
    </message>
    <message>
        <source>More revoked desks, besides the PKI&apos;s list: one desk certificate SHA-256 (hex) or desk id per line.</source>
        <translation>PKI 列表之外的其他已吊销工作台：每行一个工作台证书 SHA-256（十六进制）或工作台 ID。</translation>
    </message>
    <message>
        <source>--pki DIR is required: the authority&apos;s list of enrolled and revoked desks is checked for every message.</source>
        <translation>必须提供 --pki DIR：每条消息都会对照主管机构已注册和已吊销的工作台列表进行检查。</translation>
    </message>
    <message>
        <source>--pki DIR, --ledger FILE and one INTAKE_DIR are needed.</source>
        <translation>需要 --pki DIR、--ledger FILE 和一个 INTAKE_DIR。</translation>
    </message>
    <message>
        <source>The PKI has no authority CA of the home participant %1 (issuers/%1/ca-cert.pem) and no --ca was given.</source>
        <translation>PKI 中没有所属参与方 %1 的主管机构 CA（issuers/%1/ca-cert.pem），且未给出 --ca。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside (not applied).</source>
        <translation>
            <numerusform>办事处有 %Ln 行未通过检查，已被搁置（未应用）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail: another role wrote there.</source>
        <translation>
            <numerusform>警报：办事处在本工作台审计记录的 %Ln 个位置存有不同的条目：是另一个角色在该处写入的。</numerusform>
        </translation>
    </message>
    <message>
        <source>Manage the desk&apos;s accounts. add, disable and passwd sign in as the administrator --user ADMIN (or, for passwd, as the account&apos;s owner); passwords are read from standard input when it is not a terminal, one line each: the signing-in password first, then the new one. Only the desk&apos;s first account, an administrator, is added without --user. A password set by someone else must be changed by its owner (users passwd --user NAME --name NAME) before the account does anything else.</source>
        <translation>管理工作台的账户。add、disable 和 passwd 以管理员身份登录（--user ADMIN）（对于 passwd，也可以账户所有者身份登录）；当标准输入不是终端时，从中读取密码，每行一个：先是登录密码，然后是新密码。只有工作台的第一个账户（管理员）无需 --user 即可添加。由他人设置的密码必须由其所有者更改（users passwd --user NAME --name NAME），然后该账户才能进行其他操作。</translation>
    </message>
    <message>
        <source>users %1: --user ADMIN is needed (their password first on standard input).</source>
        <translation>users %1：需要 --user ADMIN（先在标准输入中提供其密码）。</translation>
    </message>
    <message>
        <source>users add: the desk&apos;s first account is an administrator; then that administrator adds the others with --user.</source>
        <translation>users add：工作台的第一个账户是管理员；之后由该管理员用 --user 添加其他账户。</translation>
    </message>
    <message>
        <source>Show or change the desk&apos;s settings. A change is an administrator&apos;s: --user ADMIN signs in (password on standard input); it goes to the trail.</source>
        <translation>显示或更改工作台的设置。更改须由管理员进行：用 --user ADMIN 登录（密码从标准输入读取）；更改会写入审计记录。</translation>
    </message>
    <message>
        <source>settings: --user ADMIN is needed to change a setting (their password on standard input).</source>
        <translation>settings：更改设置需要 --user ADMIN（密码从标准输入读取）。</translation>
    </message>
    <message>
        <source>When the damaged desk&apos;s last sync number cannot be read: the number of the authority&apos;s newest bundle, which the desk must reach again before it accepts anything (0: the desk was never synced).</source>
        <translation>当无法读取受损工作台的上次同步编号时：主管机构最新数据包的编号，工作台必须重新达到该编号后才会通过任何证书（0：工作台从未同步过）。</translation>
    </message>
    <message>
        <source>NUMBER</source>
        <translation>NUMBER</translation>
    </message>
    <message>
        <source>repair: --min-seq takes a bundle number (0 or more), not &apos;%1&apos;.</source>
        <translation>repair：--min-seq 需要数据包编号（0 或更大），而不是 &apos;%1&apos;。</translation>
    </message>
    <message>
        <source>The administrator who makes the change (password on standard input); needed once the desk has accounts.</source>
        <translation>进行更改的管理员（密码从标准输入读取）；工作台有账户后必须提供。</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>ADMIN</translation>
    </message>
    <message>
        <source>%1: this desk has accounts: an administrator makes this change with --user ADMIN (their password on standard input).</source>
        <translation>%1：本工作台已有账户：须由管理员用 --user ADMIN 进行此更改（密码从标准输入读取）。</translation>
    </message>
    <message>
        <source>%1&apos;s password was set by someone else: they change it first (kpdesk-cli users passwd --user %1 --name %1).</source>
        <translation>%1 的密码是由他人设置的：须由其本人先更改密码（kpdesk-cli users passwd --user %1 --name %1）。</translation>
    </message>
    <message>
        <source>CORRECTED</source>
        <translation>已更正</translation>
    </message>
    <message>
        <source>Include the list of desks (enrolled and revoked desk certificates) of the PKI: desks refuse office events a revoked desk signed.</source>
        <translation>包含 PKI 的工作台列表（已注册和已吊销的工作台证书）：各工作台拒绝已吊销工作台签署的办公室事件。</translation>
    </message>
    <message>
        <source>The authority revoked this desk&apos;s certificate on %1: enrol the desk again.</source>
        <translation>主管机构已于 %1 吊销本工作台的证书：请重新注册工作台。</translation>
    </message>
    <message>
        <source>%1: images are read by kpdesk-cli-full, not by this program.</source>
        <translation>%1：图像由 kpdesk-cli-full 读取，而不是本程序。</translation>
    </message>
    <message>
        <source>kpdesk-cli: %1 could not be started: %2</source>
        <translation>kpdesk-cli：无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>kp::ui::AboutDialog</name>
    <message>
        <source>Proprietary: all rights reserved by the KP Desk maintainers.</source>
        <translation>专有软件：KP Desk 维护者保留所有权利。</translation>
    </message>
    <message>
        <source>Licence: %1</source>
        <translation>许可证：%1</translation>
    </message>
    <message>
        <source>About KP Desk</source>
        <translation>关于 KP Desk</translation>
    </message>
    <message>
        <source>KP Desk %1</source>
        <translation>KP Desk %1</translation>
    </message>
    <message>
        <source>DEMO desk: its certificates, keys and accounts are made up; no verdict here is about a real shipment.</source>
        <translation>演示 DEMO 工作台：其证书、密钥和账户均为虚构；此处的任何结论都不涉及真实货物。</translation>
    </message>
    <message>
        <source>Verifies Kimberley Process certificates at an import desk.</source>
        <translation>在进口工作台核验金伯利进程证书。</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>构建所用组件：</translation>
    </message>
    <message>
        <source>Qt %1 (running %2), LGPL-3.0</source>
        <translation>Qt %1（运行版本 %2），LGPL-3.0</translation>
    </message>
    <message>
        <source>%1, Apache-2.0</source>
        <translation>%1，Apache-2.0</translation>
    </message>
</context>
<context>
    <name>kp::ui::AuditTrailDialog</name>
    <message>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>&amp;Trail</source>
        <translation>审计记录(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Verify the trail</source>
        <translation>核验审计记录(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Export for an auditor...</source>
        <translation>为审计员导出(&amp;E)...</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From the day</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>To the day</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Trail entries</source>
        <translation>审计记录条目</translation>
    </message>
    <message>
        <source>W&amp;ho:</source>
        <translation>人员(&amp;H)：</translation>
    </message>
    <message>
        <source>Wh&amp;at:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>t&amp;o</source>
        <translation>至(&amp;O)</translation>
    </message>
    <message>
        <source>Ce&amp;rtificate:</source>
        <translation>证书(&amp;R)：</translation>
    </message>
    <message>
        <source>Ca&amp;se:</source>
        <translation>案件(&amp;S)：</translation>
    </message>
    <message>
        <source>The trail could not be read: %1</source>
        <translation>无法读取审计记录：%1</translation>
    </message>
    <message numerus="yes">
        <source>Verified: the chain holds through its %Ln entry(ies).</source>
        <translation>
            <numerusform>已核验：哈希链在全部 %Ln 个条目中均完好。</numerusform>
        </translation>
    </message>
    <message>
        <source>BROKEN: the trail does not hold at entry %1: %2. Entries from there on are not verified.</source>
        <translation>已断裂：审计记录在条目 %1 处不成立：%2。自该条目起的条目均未经核验。</translation>
    </message>
    <message numerus="yes">
        <source>Head: %1 (after %Ln entry(ies), all holding)</source>
        <translation>
            <numerusform>链头：%1（在 %Ln 个完好的条目之后）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last received by the home authority: the head after %Ln entry(ies), %1, on %2.</source>
        <translation>
            <numerusform>所属主管机构最近一次收到的是 %Ln 个条目之后的链头 %1，时间为 %2。</numerusform>
        </translation>
    </message>
    <message>
        <source>The home authority has not received a head of this trail yet.</source>
        <translation>所属主管机构尚未收到此审计记录的任何链头。</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>所有人员</translation>
    </message>
    <message>
        <source>Anything</source>
        <translation>所有操作</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(ies) in the trail, %1 shown</source>
        <translation>
            <numerusform>审计记录中共 %Ln 个条目，显示 %1 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>CBOR sequence (*.cbor)</source>
        <translation>CBOR 序列 (*.cbor)</translation>
    </message>
    <message>
        <source>The export could not be written: %1: %2</source>
        <translation>无法写入导出文件：%1：%2</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>未导出任何内容：%1</translation>
    </message>
    <message>
        <source>The export could not be written to %1.</source>
        <translation>无法将导出内容写入 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Exported %Ln entry(ies) to %1; head %2.</source>
        <translation>
            <numerusform>已将 %Ln 个条目导出到 %1；链头 %2。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CameraPanel</name>
    <message>
        <source>Start camera</source>
        <translation>启动摄像头</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>No camera is available.</source>
        <translation>没有可用的摄像头。</translation>
    </message>
    <message>
        <source>Stop camera</source>
        <translation>停止摄像头</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseDialog</name>
    <message>
        <source>&amp;Take</source>
        <translation>接手(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Decide</source>
        <translation>决定(&amp;D)</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>添加备注(&amp;N)</translation>
    </message>
    <message>
        <source>C&amp;lose the case</source>
        <translation>结案(&amp;L)</translation>
    </message>
    <message>
        <source>Re&amp;open</source>
        <translation>重新开启(&amp;O)</translation>
    </message>
    <message>
        <source>Check a&amp;gain</source>
        <translation>再次检查(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>打印(&amp;P)...</translation>
    </message>
    <message>
        <source>Save as P&amp;DF...</source>
        <translation>另存为 PDF(&amp;D)...</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>required for a decision, a close, a reopening or a note</source>
        <translation>作出决定、结案、重新开启或添加备注时必填</translation>
    </message>
    <message>
        <source>What changed since the inspection</source>
        <translation>查验以来的变化</translation>
    </message>
    <message>
        <source>Verified again today</source>
        <translation>今天再次核验</translation>
    </message>
    <message>
        <source>O&amp;utcome:</source>
        <translation>处理结果(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Reason or note:</source>
        <translation>理由或备注(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Escalate...</source>
        <translation>上报(&amp;E)...</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>case-%1</source>
        <translation>案件-%1</translation>
    </message>
    <message>
        <source>Verifying again is not available here.</source>
        <translation>此处无法再次核验。</translation>
    </message>
    <message>
        <source>The inspection cannot be read: %1</source>
        <translation>无法读取查验记录：%1</translation>
    </message>
    <message>
        <source>There is no inspection to verify again.</source>
        <translation>没有可再次核验的查验。</translation>
    </message>
    <message>
        <source>Today (%1): %2</source>
        <translation>今天（%1）：%2</translation>
    </message>
    <message>
        <source>The case cannot be read: %1</source>
        <translation>无法读取案件：%1</translation>
    </message>
    <message>
        <source>Case of certificate %1, flagged by %2 on %3.</source>
        <translation>证书 %1 的案件，由 %2 于 %3 标记存疑。</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>（无编号）</translation>
    </message>
    <message>
        <source>State: %1.</source>
        <translation>状态：%1。</translation>
    </message>
    <message>
        <source>The shipment is held.</source>
        <translation>货物已扣留。</translation>
    </message>
    <message>
        <source>Reviewer: %1.</source>
        <translation>审查人：%1。</translation>
    </message>
    <message>
        <source>Outcome: %1.</source>
        <translation>处理结果：%1。</translation>
    </message>
    <message>
        <source>Reasons: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <source>Case of %1</source>
        <translation>%1 的案件</translation>
    </message>
    <message>
        <source>shipment held</source>
        <translation>货物已扣留</translation>
    </message>
    <message>
        <source>Decision: %1</source>
        <translation>决定：%1</translation>
    </message>
    <message>
        <source>one-person post: decided by who flagged it</source>
        <translation>单人岗位：由标记存疑者本人决定</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message numerus="yes">
        <source>file %1 (%Ln byte(s))</source>
        <translation>
            <numerusform>文件 %1（%Ln 字节）</numerusform>
        </translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
    <message>
        <source>You have taken the case for review.</source>
        <translation>您已接手审查此案件。</translation>
    </message>
    <message>
        <source>Write the reason for the decision first.</source>
        <translation>请先填写作出决定的理由。</translation>
    </message>
    <message>
        <source>Decided: %1.</source>
        <translation>已决定：%1。</translation>
    </message>
    <message>
        <source>Write the note first.</source>
        <translation>请先填写备注。</translation>
    </message>
    <message>
        <source>Note added.</source>
        <translation>已添加备注。</translation>
    </message>
    <message>
        <source>Write why the case is closed first.</source>
        <translation>请先填写结案的理由。</translation>
    </message>
    <message>
        <source>The case is closed.</source>
        <translation>案件已结案。</translation>
    </message>
    <message>
        <source>Write why the case is reopened first.</source>
        <translation>请先填写重新开启案件的理由。</translation>
    </message>
    <message>
        <source>The case is reopened.</source>
        <translation>案件已重新开启。</translation>
    </message>
    <message>
        <source>Escalated to %1: the message waits in the outbox.</source>
        <translation>已上报至 %1：消息正在发件箱中等待。</translation>
    </message>
    <message>
        <source>Opened at desk %1.</source>
        <translation>在工作台 %1 开启。</translation>
    </message>
    <message>
        <source>one-person post: taken by who flagged it</source>
        <translation>单人岗位：由标记存疑者本人接手</translation>
    </message>
    <message>
        <source>The inspection cannot be read</source>
        <translation>无法读取查验记录</translation>
    </message>
    <message>
        <source>The inspection is not on this desk.</source>
        <translation>该查验不在本工作台上。</translation>
    </message>
    <message>
        <source>The inspection was made at desk %1</source>
        <translation>该查验是在工作台 %1 进行的</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>As the flagging desk signed it: verdict %1 (after the physical check %2), inspected by %3 on %4. %5</source>
        <translation>按标记存疑的工作台所签名的内容：结论为 %1（实物检查后为 %2），由 %3 于 %4 查验。%5</translation>
    </message>
    <message>
        <source>This desk holds the case&apos;s events and files; the checks, the certificate and the physical check are at the desk that made the inspection.</source>
        <translation>本工作台存有该案件的事件和文件；检查项、证书和实物检查保存在进行该查验的工作台上。</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseEvidenceView</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>实物检查</translation>
    </message>
    <message>
        <source>The officer&apos;s notes and files</source>
        <translation>关员的备注和文件</translation>
    </message>
    <message>
        <source>No physical check was recorded.</source>
        <translation>未记录实物检查。</translation>
    </message>
    <message>
        <source>(not checked)</source>
        <translation>（未检查）</translation>
    </message>
    <message>
        <source>Customs declaration: %1</source>
        <translation>海关申报单：%1</translation>
    </message>
    <message>
        <source>%1 (certificate: %2)</source>
        <translation>%1（证书：%2）</translation>
    </message>
    <message>
        <source>Parcels counted: %1</source>
        <translation>清点包裹数：%1</translation>
    </message>
    <message>
        <source>%1 ct</source>
        <translation>%1 克拉</translation>
    </message>
    <message>
        <source>%1 (certificate: %2 ct, give or take %3 ct)</source>
        <translation>%1（证书：%2 克拉，容差 %3 克拉）</translation>
    </message>
    <message>
        <source>Mass weighed: %1</source>
        <translation>称得重量：%1</translation>
    </message>
    <message>
        <source>Seals intact: %1</source>
        <translation>封条完好：%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Seal numbers read: %1</source>
        <translation>读取的封条编号：%1</translation>
    </message>
    <message>
        <source>Importer matches the declaration: %1</source>
        <translation>进口商与申报单相符：%1</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1（%2）：%3</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln byte(s))</source>
        <translation>
            <numerusform>%1（%Ln 字节）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, from %2 (%3)</source>
        <translation>%1，来自 %2（%3）</translation>
    </message>
    <message>
        <source>No notes were written with the flag.</source>
        <translation>标记存疑时未填写备注。</translation>
    </message>
    <message>
        <source>Other files: %1</source>
        <translation>其他文件：%1</translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueue</name>
    <message>
        <source>All states</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>例如 BW</translation>
    </message>
    <message>
        <source>words in a reason</source>
        <translation>理由中的字词</translation>
    </message>
    <message>
        <source>who flagged</source>
        <translation>标记人</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>&amp;State:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>参与方(&amp;P)：</translation>
    </message>
    <message>
        <source>Rea&amp;son:</source>
        <translation>理由(&amp;S)：</translation>
    </message>
    <message>
        <source>O&amp;fficer:</source>
        <translation>关员(&amp;F)：</translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation>从(&amp;M)：</translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation>至(&amp;O)：</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The cases cannot be read: %1</source>
        <translation>无法读取案件：%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln case(s) listed.</source>
        <translation>
            <numerusform>已列出 %Ln 个案件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Office: connected; every desk&apos;s cases are listed.</source>
        <translation>办事处：已连接；列出所有工作台的案件。</translation>
    </message>
    <message>
        <source>Office unreachable: listing this desk&apos;s data and what came before. %1</source>
        <translation>无法连接办事处：列出本工作台的数据及之前已获取的内容。%1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) wait to go up.</source>
        <translation>
            <numerusform>%Ln 条记录等待上传。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) of the office failed their checks and were set aside.</source>
        <translation>
            <numerusform>办事处有 %Ln 行未通过检查，已被搁置。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM: the office holds other entries at %Ln place(s) of this desk&apos;s trail.</source>
        <translation>
            <numerusform>警报：办事处在本工作台审计记录的 %Ln 个位置存有不同的条目。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::CaseQueueModel</name>
    <message>
        <source>HELD</source>
        <translation>已扣留</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>参与方</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>扣留</translation>
    </message>
    <message>
        <source>Flagged by</source>
        <translation>标记人</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>开启时间</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>this desk</source>
        <translation>本工作台</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>工作台</translation>
    </message>
</context>
<context>
    <name>kp::ui::CorrectionDialog</name>
    <message>
        <source>Correct the physical check of %1</source>
        <translation>更正 %1 的实物检查</translation>
    </message>
    <message>
        <source>Record a correction to this inspection?</source>
        <translation>要为此查验记录一项更正吗？</translation>
    </message>
    <message>
        <source>The recorded check stays in the inspection&apos;s record and in the audit trail; the correction is added to them with its reason. A case opened on this inspection is left to its supervisor.</source>
        <translation>已记录的检查仍保留在查验记录和审计记录中；更正连同其理由会添加到其中。针对此查验开启的案件仍交由其主管处理。</translation>
    </message>
    <message>
        <source>Why the recorded check was wrong</source>
        <translation>已记录的检查为何有误</translation>
    </message>
    <message>
        <source>Recorded:</source>
        <translation>已记录：</translation>
    </message>
    <message>
        <source>Correction:</source>
        <translation>更正：</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>Record the correction</source>
        <translation>记录更正</translation>
    </message>
    <message numerus="yes">
        <source>%Ln parcel(s) counted</source>
        <translation>
            <numerusform>清点出 %Ln 个包裹</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 carats weighed</source>
        <translation>称得 %1 克拉</translation>
    </message>
    <message>
        <source>seals intact</source>
        <translation>封条完好</translation>
    </message>
    <message>
        <source>seals not intact</source>
        <translation>封条不完好</translation>
    </message>
    <message>
        <source>importer matches</source>
        <translation>进口商相符</translation>
    </message>
    <message>
        <source>importer does not match</source>
        <translation>进口商不符</translation>
    </message>
</context>
<context>
    <name>kp::ui::DeskStatusPanel</name>
    <message numerus="yes">
        <source>%Ln hour(s) old</source>
        <translation>
            <numerusform>%Ln 小时前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln day(s) old</source>
        <translation>
            <numerusform>%Ln 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>DEMO: demo data, not real certificates</source>
        <translation>演示 DEMO：演示数据，并非真实证书</translation>
    </message>
    <message>
        <source>Bring the desk&apos;s data up to date (F5)</source>
        <translation>将工作台数据更新到最新（F5）</translation>
    </message>
    <message>
        <source>Desk of %1 · never synced</source>
        <translation>%1 的工作台 · 从未同步</translation>
    </message>
    <message>
        <source>Desk of %1 · data seq %2, published %3 (%4)</source>
        <translation>%1 的工作台 · 数据 seq %2，发布于 %3（%4）</translation>
    </message>
    <message>
        <source>NO DATA: sync before relying on verdicts</source>
        <translation>无数据：请先同步，再依赖结论</translation>
    </message>
    <message>
        <source>STALE since %1: sync now</source>
        <translation>自 %1 起已过期：请立即同步</translation>
    </message>
</context>
<context>
    <name>kp::ui::EnrolmentPanel</name>
    <message>
        <source>Make the key and sa&amp;ve the request...</source>
        <translation>生成密钥并保存请求(&amp;V)...</translation>
    </message>
    <message>
        <source>Install the &amp;certificate...</source>
        <translation>安装证书(&amp;C)...</translation>
    </message>
    <message>
        <source>Desk id</source>
        <translation>工作台 ID</translation>
    </message>
    <message>
        <source>participant, post and desk, e.g. EU-ANR-03</source>
        <translation>参与方、口岸和工作台，例如 EU-ANR-03</translation>
    </message>
    <message>
        <source>The desk signs import confirmations and doubts with its own key. Save its certificate request, give the file to your home authority, and install the certificate it returns.</source>
        <translation>工作台用自己的密钥签署进口确认和存疑报告。请保存其证书请求，将该文件交给您的所属主管机构，然后安装其返回的证书。</translation>
    </message>
    <message>
        <source>Desk &amp;id:</source>
        <translation>工作台 ID(&amp;I)：</translation>
    </message>
    <message>
        <source>Not enrolled.</source>
        <translation>未注册。</translation>
    </message>
    <message>
        <source>Not enrolled: desk %1 is waiting for its certificate.</source>
        <translation>未注册：工作台 %1 正在等待其证书。</translation>
    </message>
    <message>
        <source>Enrolled as desk %1; the certificate is valid until %2 (UTC).</source>
        <translation>已注册为工作台 %1；证书有效期至 %2（UTC）。</translation>
    </message>
    <message>
        <source>Give the desk&apos;s id first (from your home authority).</source>
        <translation>请先给出工作台 ID（由您的所属主管机构提供）。</translation>
    </message>
    <message>
        <source>Enrol the desk again</source>
        <translation>重新注册工作台</translation>
    </message>
    <message>
        <source>This desk is enrolled. Enrolling it again makes a new key; the installed certificate is removed and the desk signs nothing until the new one is installed. Go on?</source>
        <translation>本工作台已注册。重新注册会生成新密钥；已安装的证书将被移除，在安装新证书之前，工作台不会签署任何内容。要继续吗？</translation>
    </message>
    <message>
        <source>Save the certificate request</source>
        <translation>保存证书请求</translation>
    </message>
    <message>
        <source>Requests (*.pem)</source>
        <translation>请求 (*.pem)</translation>
    </message>
    <message>
        <source>Wrote the certificate request of desk %1 to %2: give it to the home authority, then install the certificate it returns.</source>
        <translation>已将工作台 %1 的证书请求写入 %2：请将其交给所属主管机构，然后安装其返回的证书。</translation>
    </message>
    <message>
        <source>The desk certificate from the authority</source>
        <translation>主管机构签发的工作台证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>证书 (*.pem *.crt)</translation>
    </message>
    <message>
        <source>Installed the certificate of desk %1, valid until %2 (UTC).</source>
        <translation>已安装工作台 %1 的证书，有效期至 %2（UTC）。</translation>
    </message>
    <message>
        <source>The home authority revoked the certificate of desk %1 on %2: other desks and the authority refuse what it signs. Enrol the desk again.</source>
        <translation>所属主管机构已于 %2 吊销工作台 %1 的证书：其他工作台和主管机构拒绝它签署的一切。请重新注册工作台。</translation>
    </message>
</context>
<context>
    <name>kp::ui::EscalateDialog</name>
    <message>
        <source>Escalate the case</source>
        <translation>上报案件</translation>
    </message>
    <message>
        <source>A participant&apos;s code, e.g. AO</source>
        <translation>参与方代码，例如 AO</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Also &amp;to:</source>
        <translation>同时发送至(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Escalate</source>
        <translation>上报(&amp;E)</translation>
    </message>
    <message>
        <source>The doubt goes, signed by this desk, to its home authority for:</source>
        <translation>存疑报告将由本工作台签名，发送给其所属主管机构，收件方为：</translation>
    </message>
</context>
<context>
    <name>kp::ui::FirstRunDialog</name>
    <message>
        <source>Set up this desk</source>
        <translation>设置此工作台</translation>
    </message>
    <message>
        <source>This desk has no data yet. Set it up with the files from your KP authority, or try KP Desk on a demo desk with demo certificates.</source>
        <translation>此工作台尚无数据。请用您的 KP 主管机构提供的文件进行设置，或在带演示证书的演示工作台上试用 KP Desk。</translation>
    </message>
    <message>
        <source>e.g. EU, CA, NA</source>
        <translation>例如 EU、CA、NA</translation>
    </message>
    <message>
        <source>bundle-cert.pem from your authority</source>
        <translation>您的主管机构提供的 bundle-cert.pem</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>浏览(&amp;B)...</translation>
    </message>
    <message>
        <source>The authority&apos;s bundle key certificate</source>
        <translation>主管机构的数据包密钥证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>证书 (*.pem *.crt)</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... 或文件夹（U 盘）</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>参与方(&amp;P)：</translation>
    </message>
    <message>
        <source>Bundle &amp;key:</source>
        <translation>数据包密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>管理员名称</translation>
    </message>
    <message>
        <source>Administrator&apos;s password</source>
        <translation>管理员密码</translation>
    </message>
    <message>
        <source>Administrator&apos;s password again</source>
        <translation>再次输入管理员密码</translation>
    </message>
    <message>
        <source>Administrator&apos;s &amp;name:</source>
        <translation>管理员名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Password &amp;again:</source>
        <translation>确认密码(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Set up</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Try the &amp;demo desk</source>
        <translation>试用演示工作台(&amp;D)</translation>
    </message>
    <message>
        <source>Give the participant code and the bundle key file.</source>
        <translation>请给出参与方代码和数据包密钥文件。</translation>
    </message>
    <message>
        <source>Give the administrator&apos;s name.</source>
        <translation>请给出管理员名称。</translation>
    </message>
    <message>
        <source>The two passwords differ. Type them again.</source>
        <translation>两次输入的密码不一致。请重新输入。</translation>
    </message>
    <message>
        <source>Browse for the bundle key</source>
        <translation>浏览数据包密钥</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>文件夹(&amp;F)...</translation>
    </message>
    <message>
        <source>Browse for the sync folder</source>
        <translation>浏览同步文件夹</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>已发布的文件夹（U 盘、共享文件夹）</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>数据包文件(&amp;E)...</translation>
    </message>
    <message>
        <source>Browse for a bundle file</source>
        <translation>浏览数据包文件</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>数据包文件</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>数据包 (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync so&amp;urce:</source>
        <translation>同步来源(&amp;U)：</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>正在下载 %1...</translation>
    </message>
    <message>
        <source>The desk starts all the same; sync it later with Sync now (F5).</source>
        <translation>工作台仍会启动；稍后可用“立即同步”（F5）进行同步。</translation>
    </message>
    <message>
        <source>The desk of %1 is set up, with %2 as its administrator.</source>
        <translation>%1 的工作台已设置完成，管理员为 %2。</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>同步进度</translation>
    </message>
    <message>
        <source>&lt;b&gt;Enrolment with the home authority&lt;/b&gt; (now, or later in Settings)</source>
        <translation>&lt;b&gt;在所属主管机构注册&lt;/b&gt;（现在，或稍后在“设置”中）</translation>
    </message>
    <message>
        <source>S&amp;tart</source>
        <translation>开始(&amp;T)</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>无法读取 %1。</translation>
    </message>
    <message>
        <source>No sync source was given: sync with Sync now (F5) once an administrator has added one in Settings.</source>
        <translation>未给出同步来源：待管理员在“设置”中添加同步来源后，请用“立即同步”（F5）进行同步。</translation>
    </message>
    <message>
        <source>Syncing from %1...</source>
        <translation>正在从 %1 同步...</translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagBox</name>
    <message>
        <source>The flags of this inspection cannot be read.</source>
        <translation>无法读取此查验的存疑标记。</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>存疑标记</translation>
    </message>
    <message>
        <source>Flagged %1 by %2.</source>
        <translation>由 %2 于 %1 标记存疑。</translation>
    </message>
    <message>
        <source>The shipment is HELD.</source>
        <translation>货物已扣留。</translation>
    </message>
    <message>
        <source>The shipment is not held.</source>
        <translation>货物未扣留。</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>No images.</source>
        <translation>无图像。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s): %1</source>
        <translation>
            <numerusform>%Ln 张图像：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::FlagDialog</name>
    <message>
        <source>&amp;Hold the shipment</source>
        <translation>扣留货物(&amp;H)</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What you saw, what the importer said, what you did.</source>
        <translation>您看到了什么，进口商说了什么，您做了什么。</translation>
    </message>
    <message>
        <source>Attached images</source>
        <translation>所附图像</translation>
    </message>
    <message>
        <source>&amp;Attach image...</source>
        <translation>附加图像(&amp;A)...</translation>
    </message>
    <message>
        <source>Attach images</source>
        <translation>附加图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Flag</source>
        <translation>标记存疑(&amp;F)</translation>
    </message>
    <message>
        <source>Give at least one reason or a note.</source>
        <translation>请至少给出一条理由或一条备注。</translation>
    </message>
    <message>
        <source>&amp;Reasons:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>备注(&amp;N)：</translation>
    </message>
    <message>
        <source>I&amp;mages of the certificate and the container:</source>
        <translation>证书和容器的图像(&amp;M)：</translation>
    </message>
    <message>
        <source>Flag reasonable doubt: %1</source>
        <translation>标记合理怀疑：%1</translation>
    </message>
    <message>
        <source>Certificate %1</source>
        <translation>证书 %1</translation>
    </message>
    <message>
        <source>Close without flagging? The notes and images you added are thrown away.</source>
        <translation>不标记存疑就关闭吗？您添加的备注和图像将被丢弃。</translation>
    </message>
    <message>
        <source>Cannot attach %1: %2</source>
        <translation>无法附加 %1：%2</translation>
    </message>
</context>
<context>
    <name>kp::ui::HealthMonitor</name>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>修复工作台数据(&amp;R)...</translation>
    </message>
    <message>
        <source>Damaged data warning</source>
        <translation>数据损坏警告</translation>
    </message>
    <message>
        <source>The desk&apos;s data could not be read, so no certificate can be accepted: repair it, then sync. (%1)</source>
        <translation>无法读取工作台数据，因此不能通过任何证书：请先修复，然后同步。（%1）</translation>
    </message>
</context>
<context>
    <name>kp::ui::HelpDialog</name>
    <message>
        <source>KP Desk help</source>
        <translation>KP Desk 帮助</translation>
    </message>
    <message>
        <source>The verdicts</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>ACCEPT (green):</source>
        <translation>通过（绿色）：</translation>
    </message>
    <message>
        <source>every check passed: the certificate is genuine, valid, meant for this desk and not used before. Do the physical check, then release the shipment (Ctrl+R).</source>
        <translation>所有检查均合格：证书真实、有效、发给本工作台且未被使用过。请进行实物检查，然后放行货物（Ctrl+R）。</translation>
    </message>
    <message>
        <source>DOUBT (amber):</source>
        <translation>存疑（琥珀色）：</translation>
    </message>
    <message>
        <source>something needs a closer look; the checks marked as warnings say what. Examine the shipment and its papers. If the doubt is cleared, release the shipment; if not, flag reasonable doubt (Ctrl+D) with what you saw and hold the shipment.</source>
        <translation>有些情况需要仔细查看；标为警告的检查项会说明原因。请检查货物及其单证。如果疑问已消除，放行货物；如果未消除，请标记合理怀疑（Ctrl+D），写明您所见的情况，并扣留货物。</translation>
    </message>
    <message>
        <source>REJECT (red):</source>
        <translation>拒绝（红色）：</translation>
    </message>
    <message>
        <source>a check failed: the certificate is forged, altered, revoked, expired, or not for this desk. Do not release. Hold the shipment, flag reasonable doubt (Ctrl+D) and tell your supervisor; the flag opens a case for them.</source>
        <translation>某项检查不合格：证书系伪造、被篡改、已吊销、已过期或不是发给本工作台的。不得放行。请扣留货物，标记合理怀疑（Ctrl+D）并告知您的主管；标记会为其开启一个案件。</translation>
    </message>
    <message>
        <source>Grey, &quot;not looked at&quot;:</source>
        <translation>灰色，“未查看”：</translation>
    </message>
    <message>
        <source>Seals intact and Importer matches are for you to tick after looking at the containers and the papers. Until you do, they are neither passed nor failed, and the verdict does not count them.</source>
        <translation>“封条完好”和“进口商与申报单相符”由您在查看容器和单证后勾选。在您勾选之前，它们既不算合格也不算不合格，结论也不将其计入。</translation>
    </message>
    <message>
        <source>STALE or NO DATA:</source>
        <translation>已过期或无数据：</translation>
    </message>
    <message>
        <source>the desk&apos;s data is older than the authority allows or missing: sync (F5) before relying on a verdict.</source>
        <translation>工作台的数据早于主管机构允许的时限或缺失：请先同步（F5），再依赖结论。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>A keyboard-wedge scanner works wherever the focus is; Esc starts a new inspection.</source>
        <translation>键盘楔式扫描枪在任何焦点位置均可使用；按 Esc 开始新的查验。</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearch</name>
    <message>
        <source>Find inspections</source>
        <translation>查找查验</translation>
    </message>
    <message>
        <source>any number</source>
        <translation>任意编号</translation>
    </message>
    <message>
        <source>any officer</source>
        <translation>任意关员</translation>
    </message>
    <message>
        <source>e.g. BW</source>
        <translation>例如 BW</translation>
    </message>
    <message>
        <source>Any verdict</source>
        <translation>任意结论</translation>
    </message>
    <message>
        <source>&amp;Number:</source>
        <translation>编号(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Verdict:</source>
        <translation>结论(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Officer:</source>
        <translation>关员(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Participant:</source>
        <translation>参与方(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Inspections found</source>
        <translation>找到的查验</translation>
    </message>
    <message>
        <source>The first date is after the last.</source>
        <translation>起始日期晚于结束日期。</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln inspection(s) found: narrow the search.</source>
        <translation>
            <numerusform>找到超过 %Ln 次查验：请缩小搜索范围。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) found.</source>
        <translation>
            <numerusform>找到 %Ln 次查验。</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanned code cannot be read: %1</source>
        <translation>无法读取扫描的条码：%1</translation>
    </message>
    <message>
        <source>What was scanned is not a certificate.</source>
        <translation>扫描的内容不是证书。</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionSearchModel</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Doubt</source>
        <translation>存疑</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>参与方</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Final verdict</source>
        <translation>最终结论</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>关员</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
</context>
<context>
    <name>kp::ui::InspectionView</name>
    <message>
        <source>✔ pass</source>
        <translation>✔ 合格</translation>
    </message>
    <message>
        <source>⚠ warn</source>
        <translation>⚠ 警告</translation>
    </message>
    <message>
        <source>✖ fail</source>
        <translation>✖ 不合格</translation>
    </message>
    <message>
        <source>– skip</source>
        <translation>– 跳过</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Certificate as signed by the issuing authority</source>
        <translation>签发主管机构所签署的证书</translation>
    </message>
    <message>
        <source>Scanned image</source>
        <translation>扫描图像</translation>
    </message>
    <message>
        <source>Every check passed.</source>
        <translation>所有检查均合格。</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>签发方</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>签发日期</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>原产地</translation>
    </message>
    <message>
        <source> (mixed)</source>
        <translation>（混合）</translation>
    </message>
    <message>
        <source>Exporter</source>
        <translation>出口商</translation>
    </message>
    <message>
        <source>Importer</source>
        <translation>进口商</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>%1: %2 ct, US$ %3</source>
        <translation>%1：%2 克拉，%3 美元</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Parcels</source>
        <translation>包裹数</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>封条</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>实物检查</translation>
    </message>
</context>
<context>
    <name>kp::ui::LockPage</name>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Sign in as &amp;someone else</source>
        <translation>以其他人身份登录(&amp;S)</translation>
    </message>
    <message>
        <source>The desk is locked</source>
        <translation>工作台已锁定</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>以其他人身份登录</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2). Type your password to go on.</source>
        <translation>已登录：%1（%2）。请输入密码以继续。</translation>
    </message>
</context>
<context>
    <name>kp::ui::MainWindow</name>
    <message>
        <source>KP Desk - DEMO</source>
        <translation>KP Desk - 演示 DEMO</translation>
    </message>
    <message>
        <source>KP Desk</source>
        <translation>KP Desk</translation>
    </message>
    <message>
        <source>Scan, or type a certificate number, then Enter</source>
        <translation>扫描或输入证书编号，然后按 Enter</translation>
    </message>
    <message>
        <source>Certificate number or barcode text</source>
        <translation>证书编号或条码文本</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>核验(&amp;V)</translation>
    </message>
    <message>
        <source>Certificate:</source>
        <translation>证书：</translation>
    </message>
    <message>
        <source>&amp;Flag reasonable doubt...</source>
        <translation>标记合理怀疑(&amp;F)...</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>今日查验</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>The flags kept before this desk had cases could not be taken in: %1</source>
        <translation>本工作台启用案件管理之前保留的存疑标记无法导入：%1</translation>
    </message>
    <message>
        <source>This desk has no account yet. An administrator makes the first one with: kpdesk-cli users add --db %1 --name NAME --role administrator</source>
        <translation>此工作台尚无账户。管理员可用以下命令创建第一个账户：kpdesk-cli users add --db %1 --name NAME --role administrator</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2).</source>
        <translation>已登录：%1（%2）。</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Scan a certificate first.</source>
        <translation>请先扫描证书。</translation>
    </message>
    <message>
        <source>inspection-%1</source>
        <translation>查验-%1</translation>
    </message>
    <message>
        <source>Locked: sign in to scan.</source>
        <translation>已锁定：请登录后扫描。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Scanning</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>&amp;Open image...</source>
        <translation>打开图像(&amp;O)...</translation>
    </message>
    <message>
        <source>Open a scanned certificate</source>
        <translation>打开扫描的证书</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <source>&amp;Paste image</source>
        <translation>粘贴图像(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;New inspection</source>
        <translation>新建查验(&amp;N)</translation>
    </message>
    <message>
        <source>Release the s&amp;hipment</source>
        <translation>放行货物(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Repair the desk&apos;s data...</source>
        <translation>修复工作台数据(&amp;R)...</translation>
    </message>
    <message>
        <source>&amp;Watch a scanner folder...</source>
        <translation>监视扫描仪文件夹(&amp;W)...</translation>
    </message>
    <message>
        <source>Folder where the document scanner saves</source>
        <translation>文件扫描仪保存文件的文件夹</translation>
    </message>
    <message>
        <source>S&amp;erial scanner...</source>
        <translation>串口扫描枪(&amp;E)...</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>串口扫描枪</translation>
    </message>
    <message>
        <source>Port of the 2D imager (empty: none):</source>
        <translation>二维成像器的端口（留空：无）：</translation>
    </message>
    <message>
        <source>Go to &amp;certificate field</source>
        <translation>转到证书字段(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Today&apos;s inspections</source>
        <translation>今日查验(&amp;T)</translation>
    </message>
    <message>
        <source>F&amp;ind inspection...</source>
        <translation>查找查验(&amp;I)...</translation>
    </message>
    <message>
        <source>C&amp;ases...</source>
        <translation>案件(&amp;A)...</translation>
    </message>
    <message>
        <source>&amp;Print the inspection...</source>
        <translation>打印查验(&amp;P)...</translation>
    </message>
    <message>
        <source>Save the inspection as P&amp;DF...</source>
        <translation>将查验另存为 PDF(&amp;D)...</translation>
    </message>
    <message>
        <source>&amp;Lock the desk</source>
        <translation>锁定工作台(&amp;L)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language can be changed when the sync has finished.</source>
        <translation>同步完成后才能更改语言。</translation>
    </message>
    <message>
        <source>A sync is writing to the desk: this inspection will be saved as soon as it has finished.</source>
        <translation>同步正在写入工作台：此查验将在同步完成后立即保存。</translation>
    </message>
    <message>
        <source>That inspection cannot be read.</source>
        <translation>无法读取该查验。</translation>
    </message>
    <message>
        <source>This inspection was saved before accounts: scan the certificate again.</source>
        <translation>此查验是在启用账户之前保存的：请重新扫描证书。</translation>
    </message>
    <message>
        <source>Case opened; the shipment is held.</source>
        <translation>已开启案件；货物已扣留。</translation>
    </message>
    <message>
        <source>Case opened.</source>
        <translation>已开启案件。</translation>
    </message>
    <message>
        <source>Inspection of %1 by %2, as seen then (not verified again).</source>
        <translation>%2 对 %1 的查验，按当时所见（未再次核验）。</translation>
    </message>
    <message>
        <source>That inspection is not in the desk&apos;s records.</source>
        <translation>工作台的记录中没有该查验。</translation>
    </message>
    <message>
        <source>A sync is running: repair the desk&apos;s data when it has finished.</source>
        <translation>同步正在进行：请在同步完成后再修复工作台数据。</translation>
    </message>
    <message>
        <source>Repair the desk&apos;s data</source>
        <translation>修复工作台数据</translation>
    </message>
    <message>
        <source>The desk&apos;s own records (its configuration, presentations, inspections, flags and attachments) are kept, as far as they can be read. The authorities&apos; data is dropped and must be synced again. The damaged file is kept beside the new one.

Repair now?</source>
        <translation>工作台自身的记录（配置、出示记录、查验、存疑标记和附件）将尽可能保留。主管机构的数据将被丢弃，必须重新同步。损坏的文件将保留在新文件旁边。

立即修复吗？</translation>
    </message>
    <message numerus="yes">
        <source>%1: %Ln row(s)</source>
        <translation>
            <numerusform>%1：%Ln 行</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: some rows</source>
        <translation>%1：部分行</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired. The damaged file is kept as %1.</source>
        <translation>工作台数据已修复。损坏的文件已保留为 %1。</translation>
    </message>
    <message>
        <source>None of the desk&apos;s own records was lost.</source>
        <translation>工作台自身的记录均未丢失。</translation>
    </message>
    <message>
        <source>Records that could not be saved: %1.</source>
        <translation>无法保存的记录：%1。</translation>
    </message>
    <message>
        <source>Sync now to fetch the authority data again.</source>
        <translation>请立即同步以重新获取主管机构数据。</translation>
    </message>
    <message>
        <source>The desk&apos;s data was repaired: sync now.</source>
        <translation>工作台数据已修复：请立即同步。</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>The authority&apos;s address (https://...) or a folder (USB stick):</source>
        <translation>主管机构的地址（https://...）或文件夹（U 盘）：</translation>
    </message>
    <message>
        <source>Syncing...</source>
        <translation>正在同步...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Downloading %1...</source>
        <translation>正在下载 %1...</translation>
    </message>
    <message>
        <source>Cannot open the serial port %1: %2</source>
        <translation>无法打开串口 %1：%2</translation>
    </message>
    <message>
        <source>Not released: %1</source>
        <translation>未放行：%1</translation>
    </message>
    <message>
        <source>Released: %1. The import confirmation waits in the outbox.</source>
        <translation>已放行：%1。进口确认正在发件箱中等待。</translation>
    </message>
    <message>
        <source>Released: %1. No import confirmation was made: %2</source>
        <translation>已放行：%1。未生成进口确认：%2</translation>
    </message>
    <message>
        <source>Nobody is signed in.</source>
        <translation>没有人登录。</translation>
    </message>
    <message>
        <source>Outbox: could not be read</source>
        <translation>发件箱：无法读取</translation>
    </message>
    <message numerus="yes">
        <source>Outbox: %Ln waiting</source>
        <translation>
            <numerusform>发件箱：%Ln 条等待中</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages to the home authority, sent when online.</source>
        <translation>发给所属主管机构的消息，联网时发送。</translation>
    </message>
    <message>
        <source>Last attempt: %1</source>
        <translation>上次尝试：%1</translation>
    </message>
    <message>
        <source>The case&apos;s PDF could not be made (%1); the message goes without it.</source>
        <translation>无法生成案件的 PDF（%1）；消息将不附带它发送。</translation>
    </message>
    <message>
        <source>Fla&amp;g reasonable doubt...</source>
        <translation>标记合理怀疑(&amp;G)...</translation>
    </message>
    <message>
        <source>Settin&amp;gs...</source>
        <translation>设置(&amp;G)...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About KP Desk</source>
        <translation>关于 KP Desk(&amp;A)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is neither a KP1 barcode nor a certificate number. Correct it and press Enter, or scan again.</source>
        <translation>“%1”既不是 KP1 条码，也不是证书编号。请更正后按 Enter，或重新扫描。</translation>
    </message>
    <message>
        <source>Nothing was verified</source>
        <translation>未核验任何内容</translation>
    </message>
    <message>
        <source>Flagged: the shipment is HELD (case opened).</source>
        <translation>已标记存疑：货物已扣留（已开启案件）。</translation>
    </message>
    <message>
        <source>Flagged: case opened; the shipment is not held.</source>
        <translation>已标记存疑：已开启案件；货物未扣留。</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was flagged. Open %1 again to flag it.</source>
        <translation>期间已打开另一次查验：未标记任何内容。请重新打开 %1 以进行标记。</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>实物检查</translation>
    </message>
    <message>
        <source>Retry saving</source>
        <translation>重试保存</translation>
    </message>
    <message>
        <source>The inspection of %1 could not be saved: %2
It is kept on screen; press &quot;Retry saving&quot; to save it again.</source>
        <translation>无法保存 %1 的查验：%2
该查验仍保留在屏幕上；请按“重试保存”再次保存。</translation>
    </message>
    <message>
        <source>this certificate</source>
        <translation>此证书</translation>
    </message>
    <message numerus="yes">
        <source>%Ln inspection(s) could still not be saved: %1</source>
        <translation>
            <numerusform>仍有 %Ln 次查验无法保存：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation>用户(&amp;U)...</translation>
    </message>
    <message>
        <source>&amp;Browse the audit trail...</source>
        <translation>浏览审计记录(&amp;B)...</translation>
    </message>
    <message>
        <source>The inspection of %1 scanned during the sync was saved, but its presentation could not be recorded: %2</source>
        <translation>同步期间扫描的 %1 的查验已保存，但无法记录其出示情况：%2</translation>
    </message>
    <message>
        <source>The physical check is already recorded so: nothing to correct.</source>
        <translation>实物检查已按此记录：没有可更正的内容。</translation>
    </message>
    <message>
        <source>Nothing was corrected: the recorded physical check stands.</source>
        <translation>未作任何更正：已记录的实物检查保持不变。</translation>
    </message>
    <message>
        <source>Another inspection was opened meanwhile: nothing was corrected.</source>
        <translation>期间已打开另一次查验：未作任何更正。</translation>
    </message>
    <message>
        <source>The correction was not recorded: %1</source>
        <translation>未记录更正：%1</translation>
    </message>
    <message>
        <source>Correction recorded; the verdict is now %1.</source>
        <translation>已记录更正；结论现为 %1。</translation>
    </message>
    <message numerus="yes">
        <source>CORRECTED (%Ln correction(s)). First recorded: %1. Last correction by %2, %3: %4</source>
        <translation>
            <numerusform>已更正（%Ln 次更正）。最初记录：%1。最近一次更正由 %2 于 %3 作出：%4</numerusform>
        </translation>
    </message>
    <message>
        <source>Physical check: %1</source>
        <translation>实物检查：%1</translation>
    </message>
</context>
<context>
    <name>kp::ui::NewPasswordPage</name>
    <message>
        <source>&amp;Set my password</source>
        <translation>设置我的密码(&amp;S)</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <source>Choose a new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Set my password</source>
        <translation>设置我的密码</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Password message</source>
        <translation>密码消息</translation>
    </message>
    <message>
        <source>%1, your password was set by an administrator. Choose a new one that only you know before you go on.</source>
        <translation>%1，您的密码是由管理员设置的。请先设置一个只有您自己知道的新密码，然后再继续。</translation>
    </message>
</context>
<context>
    <name>kp::ui::OfficeSettingsPanel</name>
    <message>
        <source>&amp;Test connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Office URL</source>
        <translation>办事处 URL</translation>
    </message>
    <message>
        <source>postgresql://desk@office.example/kpoffice?sslmode=verify-full</source>
        <translation>postgresql://desk@office.example/kpoffice?sslmode=verify-full</translation>
    </message>
    <message>
        <source>Office password</source>
        <translation>办事处密码</translation>
    </message>
    <message>
        <source>kept; type a new one to change it</source>
        <translation>已保存；输入新密码即可更改</translation>
    </message>
    <message>
        <source>Connected to the office.</source>
        <translation>已连接到办事处。</translation>
    </message>
    <message>
        <source>Office &amp;URL:</source>
        <translation>办事处 URL(&amp;U)：</translation>
    </message>
    <message>
        <source>Office pass&amp;word:</source>
        <translation>办事处密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Not tested yet (the window replicates in the background).</source>
        <translation>尚未测试（窗口在后台复制数据）。</translation>
    </message>
    <message>
        <source>This desk works alone: no office.</source>
        <translation>本工作台独立工作：未设置办事处。</translation>
    </message>
    <message>
        <source>No office URL to test.</source>
        <translation>没有可测试的办事处 URL。</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation>正在尝试 %1…</translation>
    </message>
    <message>
        <source>Saved: the window replicates with %1.</source>
        <translation>已保存：窗口与 %1 复制数据。</translation>
    </message>
    <message>
        <source>Saved: this desk works alone.</source>
        <translation>已保存：本工作台独立工作。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) of this desk wait to go up.</source>
        <translation>
            <numerusform>本工作台有 %Ln 条记录等待上传。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::PasswordPair</name>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>New password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>新密码(&amp;W)：</translation>
    </message>
    <message>
        <source>A&amp;gain:</source>
        <translation>确认密码(&amp;G)：</translation>
    </message>
    <message>
        <source>Type the new password twice.</source>
        <translation>请将新密码输入两次。</translation>
    </message>
    <message>
        <source>The two passwords are not the same: type them again.</source>
        <translation>两次输入的密码不一致：请重新输入。</translation>
    </message>
</context>
<context>
    <name>kp::ui::PhysicalCheckPanel</name>
    <message>
        <source>Physical check of the shipment</source>
        <translation>货物实物检查</translation>
    </message>
    <message>
        <source>Seals intact</source>
        <translation>封条完好</translation>
    </message>
    <message>
        <source>Importer matches the declaration</source>
        <translation>进口商与申报单相符</translation>
    </message>
    <message>
        <source>&amp;Check shipment</source>
        <translation>检查货物(&amp;C)</translation>
    </message>
    <message>
        <source>Customs declaration reference</source>
        <translation>海关申报单编号</translation>
    </message>
    <message>
        <source>not counted</source>
        <translation>未清点</translation>
    </message>
    <message>
        <source>Parcels counted</source>
        <translation>清点的包裹数</translation>
    </message>
    <message>
        <source> ct</source>
        <translation> 克拉</translation>
    </message>
    <message>
        <source>not weighed</source>
        <translation>未称重</translation>
    </message>
    <message>
        <source>Mass weighed in carats</source>
        <translation>称得的重量（克拉）</translation>
    </message>
    <message>
        <source>Mass tolerance in carats</source>
        <translation>重量容差（克拉）</translation>
    </message>
    <message>
        <source>as read on the containers, separated by commas</source>
        <translation>按容器上所读，用逗号分隔</translation>
    </message>
    <message>
        <source>Seal numbers</source>
        <translation>封条编号</translation>
    </message>
    <message>
        <source>&amp;Declaration:</source>
        <translation>申报单(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Parcels counted:</source>
        <translation>清点包裹数(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Mass weighed:</source>
        <translation>称得重量(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Tolerance:</source>
        <translation>容差(&amp;T)：</translation>
    </message>
    <message>
        <source>Seal &amp;numbers:</source>
        <translation>封条编号(&amp;N)：</translation>
    </message>
    <message>
        <source>%1: not looked at</source>
        <translation>%1：未查看</translation>
    </message>
    <message>
        <source>%1: yes</source>
        <translation>%1：是</translation>
    </message>
    <message>
        <source>%1: NO</source>
        <translation>%1：否</translation>
    </message>
    <message>
        <source>Grey (not looked at): not checked yet, so it counts neither for nor against the shipment.
Ticked: yes. Empty: no, which turns the verdict to doubt.
Click to change.</source>
        <translation>灰色（未查看）：尚未检查，因此既不算对货物有利，也不算不利。
勾选：是。空白：否，这会使结论变为存疑。
点击可更改。</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %Ln parcel(s)</source>
        <translation>
            <numerusform>证书：%Ln 个包裹</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2 ct</source>
        <translation>%1：%2 克拉</translation>
    </message>
    <message numerus="yes">
        <source>Certificate: %1 ct in %Ln lot(s)</source>
        <translation>
            <numerusform>证书：%1 克拉，共 %Ln 个批次</numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate: no seals</source>
        <translation>证书：无封条</translation>
    </message>
    <message>
        <source>Certificate: %1</source>
        <translation>证书：%1</translation>
    </message>
</context>
<context>
    <name>kp::ui::RecordPrinter</name>
    <message>
        <source>Save the record as PDF</source>
        <translation>将记录另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Saved as %1.</source>
        <translation>已保存为 %1。</translation>
    </message>
    <message>
        <source>Print the record</source>
        <translation>打印记录</translation>
    </message>
    <message>
        <source>Not printed: %1</source>
        <translation>未打印：%1</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>已发送到打印机。</translation>
    </message>
</context>
<context>
    <name>kp::ui::ScanIntake</name>
    <message>
        <source>serial scanner</source>
        <translation>串口扫描枪</translation>
    </message>
    <message>
        <source>No barcode was found in %1. Scan it again, or type the certificate number.</source>
        <translation>在 %1 中未找到条码。请重新扫描，或输入证书编号。</translation>
    </message>
    <message>
        <source>No barcode was found in the %1 image.</source>
        <translation>在%1的图像中未找到条码。</translation>
    </message>
    <message>
        <source>pasted</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>The clipboard holds no image and no text.</source>
        <translation>剪贴板中既没有图像也没有文本。</translation>
    </message>
    <message>
        <source>dropped</source>
        <translation>拖放</translation>
    </message>
    <message>
        <source>keyboard-wedge scanner</source>
        <translation>键盘楔式扫描枪</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Scan ignored: close the dialog to verify, then scan again.</source>
        <translation>扫描已忽略：请关闭对话框以进行核验，然后重新扫描。</translation>
    </message>
</context>
<context>
    <name>kp::ui::SettingsDialog</name>
    <message>
        <source>A &amp;sound for each verdict</source>
        <translation>为每种结论播放声音(&amp;S)</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Sync sources, in the order they are tried</source>
        <translation>同步来源，按尝试顺序排列</translation>
    </message>
    <message>
        <source>New sync source</source>
        <translation>新同步来源</translation>
    </message>
    <message>
        <source>https://... or a folder (USB stick)</source>
        <translation>https://... 或文件夹（U 盘）</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Folder...</source>
        <translation>文件夹(&amp;F)...</translation>
    </message>
    <message>
        <source>Bundle fil&amp;e...</source>
        <translation>数据包文件(&amp;E)...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>The published folder (USB stick, share)</source>
        <translation>已发布的文件夹（U 盘、共享文件夹）</translation>
    </message>
    <message>
        <source>A bundle file</source>
        <translation>数据包文件</translation>
    </message>
    <message>
        <source>Bundles (*.kpsync)</source>
        <translation>数据包 (*.kpsync)</translation>
    </message>
    <message>
        <source>Sync sources (tried in order until one works)</source>
        <translation>同步来源（按顺序尝试，直到有一个可用）</translation>
    </message>
    <message>
        <source>Serial port of the 2D imager</source>
        <translation>二维成像器的串口</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Idle lock in minutes</source>
        <translation>空闲锁定时间（分钟）</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Serial &amp;port of the 2D imager:</source>
        <translation>二维成像器的串口(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Lock the idle desk after:</source>
        <translation>空闲多久后锁定工作台(&amp;L)：</translation>
    </message>
    <message>
        <source>Scanner, lock and sounds</source>
        <translation>扫描枪、锁定和声音</translation>
    </message>
    <message>
        <source>Enrolment with the home authority</source>
        <translation>在所属主管机构注册</translation>
    </message>
    <message>
        <source>%1 is already a source.</source>
        <translation>%1 已是同步来源。</translation>
    </message>
    <message>
        <source>Office (PostgreSQL server gathering every desk&apos;s cases)</source>
        <translation>办事处（汇集所有工作台案件的 PostgreSQL 服务器）</translation>
    </message>
</context>
<context>
    <name>kp::ui::SignInPage</name>
    <message>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <source>Sign in to KP Desk</source>
        <translation>登录 KP Desk</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-in message</source>
        <translation>登录消息</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>DEMO desk: these accounts are for trying KP Desk only.</source>
        <translation>演示 DEMO 工作台：这些账户仅供试用 KP Desk。</translation>
    </message>
    <message>
        <source>DEMO %1: name &quot;%2&quot;, password &quot;%3&quot;</source>
        <translation>演示 DEMO %1：名称“%2”，密码“%3”</translation>
    </message>
    <message>
        <source>Type your name and password.</source>
        <translation>请输入您的名称和密码。</translation>
    </message>
</context>
<context>
    <name>kp::ui::SyncController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No sync source is set: an administrator adds one in Settings.</source>
        <translation>未设置同步来源：须由管理员在“设置”中添加。</translation>
    </message>
    <message>
        <source>Sync failed. %1</source>
        <translation>同步失败。%1</translation>
    </message>
    <message>
        <source>Already up to date: the desk is at seq %1 (%2).</source>
        <translation>已是最新：工作台处于 seq %1（%2）。</translation>
    </message>
    <message>
        <source>Synced from %1: the desk is at seq %2.</source>
        <translation>已从 %1 同步：工作台处于 seq %2。</translation>
    </message>
    <message>
        <source>Passed over: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>The sync was applied, but the audit trail could not be written: %1</source>
        <translation>同步已应用，但无法写入审计记录：%1</translation>
    </message>
</context>
<context>
    <name>kp::ui::TodayList</name>
    <message>
        <source>Search number, verdict, officer...</source>
        <translation>搜索编号、结论、关员...</translation>
    </message>
    <message>
        <source>Search today&apos;s inspections</source>
        <translation>搜索今日查验</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记存疑</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>关员</translation>
    </message>
    <message>
        <source>Today&apos;s inspections</source>
        <translation>今日查验</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记存疑</translation>
    </message>
    <message>
        <source>%1 (corrected)</source>
        <comment>today&apos;s list: the verdict of an inspection whose physical check was corrected</comment>
        <translation>%1（已更正）</translation>
    </message>
    <message numerus="yes">
        <source>Its physical check was corrected %Ln time(s) after it was recorded.</source>
        <translation>
            <numerusform>其实物检查在记录后被更正了 %Ln 次。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailKinds</name>
    <message>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>Desk locked</source>
        <translation>工作台已锁定</translation>
    </message>
    <message>
        <source>Account added</source>
        <translation>已添加账户</translation>
    </message>
    <message>
        <source>Account disabled</source>
        <translation>已停用账户</translation>
    </message>
    <message>
        <source>Account enabled</source>
        <translation>已启用账户</translation>
    </message>
    <message>
        <source>Role changed</source>
        <translation>已更改角色</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>已更改密码</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>已更改设置</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Physical check</source>
        <translation>实物检查</translation>
    </message>
    <message>
        <source>Inspection corrected</source>
        <translation>已更正查验</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>Release refused</source>
        <translation>拒绝放行</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>已标记存疑</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>接手审查</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>决定</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>Case closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Case reopened</source>
        <translation>已重新开启案件</translation>
    </message>
    <message>
        <source>Desk enrolled</source>
        <translation>已注册工作台</translation>
    </message>
    <message>
        <source>Desk certificate installed</source>
        <translation>已安装工作台证书</translation>
    </message>
    <message>
        <source>Sync applied</source>
        <translation>已应用同步</translation>
    </message>
    <message>
        <source>Sync refused</source>
        <translation>拒绝同步</translation>
    </message>
    <message>
        <source>Message made</source>
        <translation>已生成消息</translation>
    </message>
    <message>
        <source>Message delivered</source>
        <translation>消息已送达</translation>
    </message>
    <message>
        <source>Message handed over</source>
        <translation>消息已移交</translation>
    </message>
    <message>
        <source>Office set</source>
        <translation>已设置办事处</translation>
    </message>
    <message>
        <source>Office records set aside</source>
        <translation>已搁置办事处记录</translation>
    </message>
    <message>
        <source>Office conflict</source>
        <translation>办事处冲突</translation>
    </message>
    <message>
        <source>Sync sources set</source>
        <translation>已设置同步来源</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailPanel</name>
    <message>
        <source>Audit trail: checking every entry...</source>
        <translation>审计记录：正在检查每个条目...</translation>
    </message>
    <message>
        <source>Audit trail: could not be read (%1). Checked %2.</source>
        <translation>审计记录：无法读取（%1）。检查于 %2。</translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: %Ln entry(ies), unbroken. Head %1. Checked %2.</source>
        <translation>
            <numerusform>审计记录：%Ln 个条目，完整无断裂。链头 %1。检查于 %2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Audit trail: BROKEN at entry %1 (%2). The %Ln entry(ies) before it hold. Export the trail (kpdesk-cli audit export) and report it. Checked %3.</source>
        <translation>
            <numerusform>审计记录：在条目 %1 处断裂（%2）。其之前的 %Ln 个条目完好。请导出审计记录（kpdesk-cli audit export）并报告。检查于 %3。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the tr&amp;ail</source>
        <translation>检查审计记录(&amp;A)</translation>
    </message>
</context>
<context>
    <name>kp::ui::TrailTableModel</name>
    <message>
        <source>(not an entry)</source>
        <translation>（不是条目）</translation>
    </message>
    <message>
        <source>holds</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>DOES NOT HOLD</source>
        <translation>不成立</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>链</translation>
    </message>
</context>
<context>
    <name>kp::ui::UsersDialog</name>
    <message>
        <source>Change &amp;role</source>
        <translation>更改角色(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>新密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Aga&amp;in:</source>
        <translation>确认密码(&amp;I)：</translation>
    </message>
    <message>
        <source>Reset &amp;password</source>
        <translation>重置密码(&amp;P)</translation>
    </message>
    <message>
        <source>Pa&amp;ssword:</source>
        <translation>密码(&amp;S)：</translation>
    </message>
    <message>
        <source>Repea&amp;t:</source>
        <translation>确认密码(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Add the account</source>
        <translation>添加账户(&amp;A)</translation>
    </message>
    <message>
        <source>Users of this desk</source>
        <translation>本工作台的用户</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
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
        <source>Role of the selected account</source>
        <translation>所选账户的角色</translation>
    </message>
    <message>
        <source>Name of the new account</source>
        <translation>新账户的名称</translation>
    </message>
    <message>
        <source>Role of the new account</source>
        <translation>新账户的角色</translation>
    </message>
    <message>
        <source>Users message</source>
        <translation>用户消息</translation>
    </message>
    <message>
        <source>The selected account</source>
        <translation>所选账户</translation>
    </message>
    <message>
        <source>A new account</source>
        <translation>新账户</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <source>The accounts could not be read: %1</source>
        <translation>无法读取账户：%1</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>locked after failed sign-ins</source>
        <translation>因多次登录失败已锁定</translation>
    </message>
    <message>
        <source>active</source>
        <translation>已启用</translation>
    </message>
    <message>
        <source>%1, must choose a new password</source>
        <translation>%1，须设置新密码</translation>
    </message>
    <message>
        <source>Type the new account&apos;s name.</source>
        <translation>请输入新账户的名称。</translation>
    </message>
    <message>
        <source>Account %1 (%2) added.</source>
        <translation>已添加账户 %1（%2）。</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现在是 %2。</translation>
    </message>
    <message>
        <source>Account %1 disabled: it can no longer sign in.</source>
        <translation>账户 %1 已停用：它无法再登录。</translation>
    </message>
    <message>
        <source>Account %1 enabled again.</source>
        <translation>账户 %1 已重新启用。</translation>
    </message>
    <message>
        <source>Password of %1 reset: %1 signs in with it once and then chooses a new one.</source>
        <translation>%1 的密码已重置：%1 用它登录一次后，须设置新密码。</translation>
    </message>
</context>
<context>
    <name>kp::ui::VerdictBanner</name>
    <message>
        <source>ACCEPT: release</source>
        <translation>通过：放行</translation>
    </message>
    <message>
        <source>DOUBT: examine, then release or flag</source>
        <translation>存疑：查看后放行或标记存疑</translation>
    </message>
    <message>
        <source>REJECT: hold the shipment</source>
        <translation>拒绝：扣留货物</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Scan a certificate</source>
        <translation>扫描证书</translation>
    </message>
    <message>
        <source>Scan its barcode, open or drop an image, or type its number.</source>
        <translation>扫描其条码、打开或拖入图像，或输入其编号。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>KP Desk: verify Kimberley Process certificates.</source>
        <translation>KP Desk：核验金伯利进程证书。</translation>
    </message>
    <message>
        <source>The desk cache to use.</source>
        <translation>要使用的工作台缓存。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Use the demo desk (made on first use), with demo certificates.</source>
        <translation>使用演示 DEMO 工作台（首次使用时创建），其中带有演示证书。</translation>
    </message>
    <message>
        <source>The interface language (e.g. fr).</source>
        <translation>界面语言（例如 fr）。</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
</context>
</TS>
