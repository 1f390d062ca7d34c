#include "verify/StatusWords.h"

#include <QCoreApplication>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::Checks)
};

} // namespace

QString participantStatusText(const QString& status)
{
    if (status == QLatin1String("active"))
        return Tr::tr("active", "participant status");
    if (status == QLatin1String("suspended"))
        return Tr::tr("suspended", "participant status");
    if (status == QLatin1String("restricted"))
        return Tr::tr("restricted", "participant status");
    if (status == QLatin1String("withdrawn"))
        return Tr::tr("withdrawn", "participant status");
    return status;
}

QString revocationStatusText(const QString& status)
{
    if (status == QLatin1String("lost"))
        return Tr::tr("lost", "revocation status");
    if (status == QLatin1String("stolen"))
        return Tr::tr("stolen", "revocation status");
    if (status == QLatin1String("cancelled"))
        return Tr::tr("cancelled", "revocation status");
    if (status == QLatin1String("fraudulent"))
        return Tr::tr("fraudulent", "revocation status");
    if (status == QLatin1String("used"))
        return Tr::tr("already imported", "revocation status");
    return status;
}

} // namespace kp
