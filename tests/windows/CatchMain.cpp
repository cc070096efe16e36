// main() for the Windows test programs that have no main of their own (Catch2 v2).
#define CATCH_CONFIG_MAIN
#include "CatchCompat.h"
