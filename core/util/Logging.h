#pragma once

#include <QLoggingCategory>

// Diagnostics for administrators and developers, kept apart from what the
// officer is shown. Never log key material or full barcode payloads.
Q_DECLARE_LOGGING_CATEGORY(lcCrypto)
Q_DECLARE_LOGGING_CATEGORY(lcFormat)
Q_DECLARE_LOGGING_CATEGORY(lcBarcode)
Q_DECLARE_LOGGING_CATEGORY(lcCache)
Q_DECLARE_LOGGING_CATEGORY(lcSync)
Q_DECLARE_LOGGING_CATEGORY(lcVerify)
