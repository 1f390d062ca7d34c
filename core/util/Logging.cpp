#include "util/Logging.h"

Q_LOGGING_CATEGORY(lcCrypto, "kpdesk.crypto")
Q_LOGGING_CATEGORY(lcFormat, "kpdesk.format")
Q_LOGGING_CATEGORY(lcBarcode, "kpdesk.barcode")
Q_LOGGING_CATEGORY(lcCache, "kpdesk.cache")
Q_LOGGING_CATEGORY(lcSync, "kpdesk.sync")
Q_LOGGING_CATEGORY(lcVerify, "kpdesk.verify")
