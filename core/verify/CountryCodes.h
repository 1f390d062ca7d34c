#pragma once

#include <QStringView>

namespace kp {

// The 249 officially assigned ISO 3166-1 alpha-2 codes: what a certificate's
// `org` may name. User-assigned codes (AA, QM-QZ, XA-XZ, ZZ) and the
// reserved ones (EU, UK, ...) are no country.
bool isCountryCode(QStringView code);

} // namespace kp
