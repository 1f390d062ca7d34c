// Compiles with kp_crypto's include directories: its own header and its
// declared dependency's (util).
#include "crypto/Sha256.h"
#include "util/Result.h"
