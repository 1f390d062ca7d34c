#include "office/PulledCaseCheck.h"

#include "records/FlaggedEvent.h"
#include "util/IsoTime.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace kp {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(kp::PulledCaseCheck)
};

Error caseError(const QString& message)
{
    return makeError(QStringLiteral("office.case"), message);
}

} // namespace

Result<PulledCase> PulledCaseCheck::check(const SignedEventFields& flagged,
                                          const std::optional<OfficeCaseRow>& office)
{
    const auto row = FlaggedEvent::caseRow(QJsonDocument::fromJson(flagged.data.toUtf8()).object());
    if (!row)
        return caseError(Tr::tr("The flag of case %1 does not carry its case (a desk from before signed "
                                "cases made it): its certificate cannot be trusted.")
                             .arg(flagged.caseId));
    if (!office)
        return caseError(Tr::tr("The office holds a flag of case %1 but not the case.").arg(flagged.caseId));
    // Null and empty texts are one (a desk writes either for "none").
    const auto same = [](const QString& a, const QString& b) {
        return a.isEmpty() ? b.isEmpty() : a == b;
    };
    QStringList differ;
    if (!same(office->deskId, flagged.deskId))
        differ << Tr::tr("desk");
    if (!same(office->openedAt, flagged.at))
        differ << Tr::tr("time");
    if (!same(office->inspectionId, row->inspectionId))
        differ << Tr::tr("inspection");
    if (!same(office->number, row->number))
        differ << Tr::tr("certificate %1 signed, %2 in the row").arg(row->number, office->number);
    if (!same(office->participant, row->participant))
        differ << Tr::tr("participant");
    if (!differ.isEmpty())
        return caseError(Tr::tr("The office's row of case %1 is not the case its desk signed: %2.")
                             .arg(flagged.caseId, differ.join(QStringLiteral(", "))));
    const QDateTime at = parseIsoTime(flagged.at);
    if (!at.isValid())
        return caseError(Tr::tr("The flag of case %1 has no valid time.").arg(flagged.caseId));
    const QString name = row->deskName.isEmpty() ? flagged.deskId : row->deskName;
    return PulledCase{
        {flagged.caseId, row->inspectionId, at, flagged.deskId, name}, row->number, row->participant};
}

} // namespace kp
