// Must not compile with kp_crypto's include directories: crypto does not
// depend on records.
#include "records/DeskRecords.h"
