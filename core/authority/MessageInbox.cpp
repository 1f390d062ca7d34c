#include "authority/MessageInbox.h"

#include "authority/MessageInboxFile.h"
#include "util/IsoTime.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::MessageInbox)
};

const QString TakenDir = QStringLiteral("taken");
const QString RefusedDir = QStringLiteral("refused");

std::filesystem::path fsPath(const QString& path)
{
    return std::filesystem::path(path.toStdU16String());
}

bool entryExists(const QString& path)
{
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::symlink_status(fsPath(path), ec));
}

// A name in `folder` that is not yet used: the name itself, else
// `<stem>.2.kpmsg`, `<stem>.3.kpmsg`... Nothing set aside is ever overwritten.
QString freeTarget(const QString& folder, const QString& name)
{
    const QString first = folder + u'/' + name;
    if (!entryExists(first))
        return first;
    const qsizetype dot = name.lastIndexOf(u'.');
    const QString stem = dot > 0 ? name.left(dot) : name;
    const QString ext = dot > 0 ? name.mid(dot) : QString();
    for (int k = 2;; ++k) {
        const QString candidate = QStringLiteral("%1/%2.%3%4").arg(folder, stem).arg(k).arg(ext);
        if (!entryExists(candidate) && !entryExists(candidate + QStringLiteral(".reason")))
            return candidate;
    }
}

// A rename within the intake folder: atomic, and it moves a symlink itself,
// never what it points to.
Status moveEntry(const QString& from, const QString& to)
{
    std::error_code ec;
    std::filesystem::rename(fsPath(from), fsPath(to), ec);
    if (ec)
        return makeError(
            QStringLiteral("inbox.move"),
            Tr::tr("Cannot move %1 to %2: %3").arg(from, to, QString::fromStdString(ec.message())));
    return success();
}

InboxItem refused(InboxItem item, const QString& code, const QString& reason)
{
    item.outcome = InboxItem::Outcome::Refused;
    item.code = code;
    item.reason = reason;
    return item;
}

} // namespace

QString inboxOutcomeName(InboxItem::Outcome outcome)
{
    switch (outcome) {
    case InboxItem::Outcome::Taken:
        return QStringLiteral("taken");
    case InboxItem::Outcome::Skipped:
        return QStringLiteral("skipped");
    case InboxItem::Outcome::Refused:
        return QStringLiteral("refused");
    }
    return QString();
}

int InboxRun::count(InboxItem::Outcome outcome) const
{
    return int(std::count_if(items.cbegin(), items.cend(),
                             [&](const InboxItem& i) { return i.outcome == outcome; }));
}

MessageInbox::MessageInbox(MessageLedger& ledger, const Clock* clock)
    : m_ledger(ledger), m_clock(clock ? clock : &m_systemClock)
{}

Status MessageInbox::checkDeskCertificate(const Certificate& desk, const QDateTime& at,
                                          const QDateTime& receivedAt, const QList<Certificate>& trustedCas,
                                          const RevokedCheck& isRevoked)
{
    const Certificate* issuer = nullptr;
    for (const Certificate& ca : trustedCas)
        if (ca.isCa() && desk.isIssuedBy(ca)) {
            issuer = &ca;
            break;
        }
    if (!issuer)
        return makeError(QStringLiteral("inbox.unknown-ca"),
                         Tr::tr("The desk certificate of %1 was not issued by this authority's CA.")
                             .arg(desk.subjectCommonName()));
    if (desk.isCa() || !desk.allowsDigitalSignature())
        return makeError(
            QStringLiteral("inbox.not-a-desk"),
            Tr::tr("The certificate of %1 is not a desk certificate (it is a CA, or may not sign).")
                .arg(desk.subjectCommonName()));
    // The claimed time is the desk's word, bounded by when it arrived.
    if (at > receivedAt.addSecs(ClockSkewSeconds))
        return makeError(QStringLiteral("inbox.future"),
                         Tr::tr("The message of %1 says it was made at %2, after it was received (%3).")
                             .arg(desk.subjectCommonName(), shownUtc(at), shownUtc(receivedAt)));
    if (at < desk.notBefore() || at > desk.notAfter())
        return makeError(
            QStringLiteral("inbox.expired"),
            Tr::tr("The desk certificate of %1 was not valid when the message was made (%2; valid "
                   "%3 to %4).")
                .arg(desk.subjectCommonName(), shownUtc(at), shownUtc(desk.notBefore()),
                     shownUtc(desk.notAfter())));
    if (receivedAt > desk.notAfter().addDays(LateDeliveryDays))
        return makeError(
            QStringLiteral("inbox.late"),
            Tr::tr("The desk certificate of %1 expired on %2, more than %Ln day(s) before the message was "
                   "received (%3): a message signed after that could claim any earlier time.",
                   nullptr, LateDeliveryDays)
                .arg(desk.subjectCommonName(), shownUtc(desk.notAfter()), shownUtc(receivedAt)));
    if (desk.subjectCountry() != issuer->subjectCountry())
        return makeError(QStringLiteral("inbox.participant"),
                         Tr::tr("The desk certificate of %1 names participant %2, its CA %3.")
                             .arg(desk.subjectCommonName(), desk.subjectCountry(), issuer->subjectCountry()));
    if (!isRevoked)
        return makeError(QStringLiteral("inbox.no-desk-list"),
                         Tr::tr("The authority's list of desks was not given: no message can be taken."));
    if (isRevoked(desk))
        return makeError(
            QStringLiteral("inbox.revoked"),
            Tr::tr("The desk certificate of %1 is revoked, or is not in the authority's list of desks.")
                .arg(desk.subjectCommonName()));
    return success();
}

Result<InboxRun> MessageInbox::take(const QString& dir, const QList<Certificate>& trustedCas,
                                    const RevokedCheck& isRevoked)
{
    const QDir folder(dir);
    if (!QFileInfo(dir).isDir())
        return makeError(QStringLiteral("inbox.folder"), Tr::tr("%1 is not a folder.").arg(dir));
    for (const QString& sub : {TakenDir, RefusedDir}) {
        const QFileInfo info(folder.filePath(sub));
        if ((info.exists() || info.isSymLink()) && (!info.isDir() || info.isSymLink()))
            return makeError(QStringLiteral("inbox.folder"),
                             Tr::tr("%1 must be a folder of its own.").arg(info.filePath()));
        if (!folder.mkpath(sub))
            return makeError(QStringLiteral("inbox.folder"),
                             Tr::tr("Cannot create %1.").arg(info.filePath()));
    }
    // Names starting with a dot are left alone: copy tools write their
    // temporary files so.
    QStringList names = folder.entryList({QStringLiteral("*.kpmsg")},
                                         QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    names.sort(Qt::CaseSensitive);
    InboxRun run;
    // In batches: one transaction, one flush to disk, for many messages; the
    // files taken move to taken/ only once their batch is committed.
    constexpr qsizetype Batch = 256;
    for (qsizetype from = 0; from < names.size(); from += Batch) {
        if (auto b = m_ledger.beginBatch(); !b)
            return b.error();
        QList<PendingMove> moves;
        for (qsizetype i = from; i < std::min(names.size(), from + Batch); ++i) {
            std::optional<Error> fatal;
            InboxItem item = takeOne(folder.absolutePath(), names[i], trustedCas, isRevoked, moves, fatal);
            if (fatal) {
                m_ledger.rollbackBatch();
                return *fatal;
            }
            run.items << item;
        }
        if (auto c = m_ledger.commitBatch(); !c)
            return c.error();
        for (const PendingMove& m : std::as_const(moves))
            if (auto moved = m.run(); !moved)
                return moved.error();
    }
    return run;
}

InboxItem MessageInbox::takeOne(const QString& dir, const QString& name, const QList<Certificate>& trustedCas,
                                const RevokedCheck& isRevoked, QList<PendingMove>& moves,
                                std::optional<Error>& fatal)
{
    const QString path = dir + u'/' + name;
    InboxItem item;
    item.fileName = name;

    // Set aside: the reason is written first, then the file moved, so a crash
    // between leaves the file in the intake to be refused again.
    const auto setAside = [&](const QString& code, const QString& reason) {
        InboxItem r = refused(item, code, reason);
        const QString target = freeTarget(dir + u'/' + RefusedDir, name);
        QSaveFile why(target + QStringLiteral(".reason"));
        QString line = code + QStringLiteral(": ") + reason;
        line.replace(u'\n', u' ');
        const QByteArray text = line.toUtf8() + '\n';
        if (!why.open(QIODevice::WriteOnly) || why.write(text) != text.size() || !why.commit()) {
            fatal = makeError(QStringLiteral("inbox.move"),
                              Tr::tr("Cannot write %1: %2").arg(why.fileName(), why.errorString()));
            return r;
        }
        if (auto moved = moveEntry(path, target); !moved)
            fatal = moved.error();
        return r;
    };

    // Read once: these bytes are checked, recorded and kept; the entry is
    // moved to taken/ only while its name still names the file they came from.
    const QDateTime receivedAt = m_clock->nowUtc();
    auto file = readInboxFile(path, KpMessageLimits::MaxBytes);
    if (!file)
        return setAside(file.error().code, file.error().message);
    const QByteArray& bytes = file->bytes;

    const auto read = KpMessageCodec::read(bytes);
    if (!read)
        return setAside(read.error().code, read.error().message);
    const KpMessage& m = read->message;
    item.messageId = m.idText();
    item.desk = m.desk;
    item.n = m.n;
    item.kind = messageKindName(m.kind);

    // Resending sends the same bytes: those were checked when first taken.
    const QByteArray sha = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    const auto taken = m_ledger.takenFileSha256(m.id);
    if (!taken) {
        fatal = taken.error();
        return item;
    }
    if (*taken && **taken != sha)
        return setAside(QStringLiteral("inbox.id-reused"),
                        Tr::tr("A different message with the id %1 was already taken.").arg(m.idText()));

    if (!*taken) {
        if (auto cert = checkDeskCertificate(read->deskCertificate, m.at, receivedAt, trustedCas, isRevoked);
            !cert)
            return setAside(cert.error().code, cert.error().message);
        auto reports = m_ledger.record(*read, bytes, name, receivedAt);
        if (!reports) {
            fatal = reports.error();
            return item;
        }
        item.outcome = InboxItem::Outcome::Taken;
        item.reports = *reports;
    } else {
        item.outcome = InboxItem::Outcome::Skipped;
    }

    // Recorded first, moved after (once the batch is committed): a crash
    // between leaves a file whose id is already taken, which the next run
    // skips and moves.
    const QString takenFolder = dir + u'/' + TakenDir;
    InboxFile identity; // the bytes are in the ledger; only which file they came from
    identity.device = file->device;
    identity.inode = file->inode;
    moves.append({[path, takenFolder, name, sha, identity]() -> Status {
        // Swapped since it was read: left for the next run, which reads it anew.
        if (!isSameInboxFile(path, identity))
            return success();
        const QString existing = takenFolder + u'/' + name;
        const auto copy = readInboxFile(existing, KpMessageLimits::MaxBytes);
        if (copy && QCryptographicHash::hash(copy->bytes, QCryptographicHash::Sha256) == sha) {
            if (!QFile::remove(path))
                return makeError(QStringLiteral("inbox.move"),
                                 Tr::tr("Cannot remove %1, a copy of %2.").arg(path, existing));
            return success();
        }
        return moveEntry(path, freeTarget(takenFolder, name));
    }});
    return item;
}

} // namespace kp
