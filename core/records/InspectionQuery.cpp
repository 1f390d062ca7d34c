#include "records/InspectionQuery.h"

#include <algorithm>
#include <limits>

namespace kp {

QString normalizedCertificateNumber(const QString& typed)
{
    QString out;
    out.reserve(typed.size());
    for (const QChar c : typed)
        if (!c.isSpace())
            out.append(c.toUpper());
    return out;
}

InspectionFilter normalizedInspectionFilter(InspectionFilter f)
{
    f.number = normalizedCertificateNumber(f.number);
    f.participant = f.participant.trimmed().toUpper();
    f.officer = f.officer.trimmed();
    f.limit = std::max(f.limit, 1);
    return f;
}

Result<InspectionPage> queryInspections(RecordsStore& store, const InspectionFilter& filter)
{
    InspectionFilter f = normalizedInspectionFilter(filter);
    InspectionPage page;
    page.limit = f.limit;
    if (f.limit < std::numeric_limits<int>::max())
        ++f.limit;
    auto rows = store.findInspections(f);
    if (!rows)
        return rows.error();
    page.rows = std::move(rows).value();
    if (page.rows.size() > page.limit) {
        page.more = true;
        page.rows.resize(page.limit);
    }
    return page;
}

} // namespace kp
