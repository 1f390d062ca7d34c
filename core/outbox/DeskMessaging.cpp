#include "outbox/DeskMessaging.h"

#include "cache/CacheDatabase.h"
#include "outbox/DeskIdentity.h"

namespace kp {

Result<DeskMessaging> DeskMessaging::open(CacheDatabase& db, const Clock& clock)
{
    DeskMessaging m;
    auto identity = DeskIdentity::load(db);
    if (!identity) {
        if (identity.error().code != QLatin1String("outbox.not-enrolled"))
            return identity.error();
        m.m_notEnrolled = identity.error().message;
        return m;
    }
    // The importing authority's name as the home authority's contacts give it.
    auto contacts = db.contacts(identity->participant);
    if (!contacts)
        return contacts.error();
    m.m_authority = identity->participant;
    for (const ContactEntry& c : *contacts)
        if (c.role == QLatin1String("authority") && !c.name.isEmpty())
            m.m_authority = c.name;
    m.m_factory.emplace(
        MessageSigner{identity->deskId, identity->participant, identity->key, identity->certificate}, clock);
    return m;
}

MessageMaker DeskMessaging::confirmation(const InspectionRecord& inspection, const QString& officer) const
{
    return m_factory ? m_factory->confirmation(inspection, officer, m_authority) : MessageMaker{};
}

MessageMaker DeskMessaging::doubt(const DeskRecords::CaseView& kase, const InspectionRecord& inspection,
                                  const QStringList& to, const QByteArray& pdf) const
{
    return m_factory ? m_factory->doubt(kase, inspection, to, pdf) : MessageMaker{};
}

QStringList DeskMessaging::defaultAddressees(const QString& issuer, const QString& ownParticipant)
{
    QStringList to;
    for (const QString& c : {issuer, ownParticipant})
        if (c.size() == 2 && !to.contains(c))
            to << c;
    to << QStringLiteral("KP-CHAIR") << QStringLiteral("KP-WGM");
    return to;
}

Result<QStringList> DeskMessaging::describeAddressees(CacheDatabase& db, const QStringList& to)
{
    auto all = db.contacts();
    if (!all)
        return all.error();
    QStringList out;
    for (const QString& a : to) {
        const QString c = a.startsWith(QLatin1String("KP-")) ? QStringLiteral("KP") : a;
        const QString role = a == QLatin1String("KP-CHAIR") ? QStringLiteral("chair")
                             : a == QLatin1String("KP-WGM") ? QStringLiteral("wgm")
                                                            : QStringLiteral("authority");
        QString line = a;
        for (const ContactEntry& e : *all)
            if (e.participant == c && e.role == role)
                line += QStringLiteral(": ") + e.name +
                        (e.email.isEmpty() ? QString() : QStringLiteral(" <%1>").arg(e.email));
        out << line;
    }
    return out;
}

} // namespace kp
