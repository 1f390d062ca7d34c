#include "CliRecords.h"

#include "PasswordInput.h"

namespace kp::cli {

namespace {

// Longer than any bundle takes to apply on a slow desk: a record must not be lost.
constexpr int RecordWaitMs = 10 * 60 * 1000;

} // namespace

std::unique_ptr<Records> openRecords(const QCommandLineParser& parser, bool adopt)
{
    auto r = std::make_unique<Records>();
    r->db = openDesk(parser, CacheDatabase::OpenMode::MustExist);
    if (!r->db)
        return nullptr;
    if (auto s = r->db->setWriteWait(RecordWaitMs); !s) {
        err() << s.error().message << Qt::endl;
        return nullptr;
    }
    r->store = std::make_unique<SqliteRecordsStore>(*r->db);
    r->door = std::make_unique<DeskRecords>(*r->store, r->clock);
    if (auto s = r->door->settings(); !s) {
        err() << s.error().message << Qt::endl;
        return nullptr;
    }
    if (adopt) {
        auto adopted = r->door->adoptLegacy(*r->store);
        if (!adopted) {
            err() << Tr::tr("The flags kept before this desk had cases could not be taken in: %1")
                         .arg(adopted.error().message)
                  << Qt::endl;
            return nullptr;
        }
        if (*adopted > 0)
            err() << Tr::tr("%Ln flag(s) kept before this desk had cases are now cases.", nullptr, *adopted)
                  << Qt::endl;
    }
    return r;
}

void addUserOption(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("user"), Tr::tr("Who signs in (password on standard input)."), Tr::tr("NAME")});
}

std::optional<Session> signIn(Records& r, const QString& command, const QString& user)
{
    return signIn(*r.door, command, user);
}

std::optional<Session> signIn(DeskRecords& door, const QString& command, const QString& user)
{
    const auto password = readPassword(Tr::tr("Password for %1: ").arg(user));
    if (!password) {
        err() << Tr::tr("%1: no password on standard input.").arg(command) << Qt::endl;
        return std::nullopt;
    }
    auto session = door.signIn(user, *password);
    if (!session) {
        err() << Tr::tr("%1: %2").arg(command, session.error().message) << Qt::endl;
        return std::nullopt;
    }
    return *session;
}

} // namespace kp::cli
