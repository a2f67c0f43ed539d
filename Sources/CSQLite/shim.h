#ifndef FEEDWATCH_CSQLITE_SHIM_H
#define FEEDWATCH_CSQLITE_SHIM_H
#include <sqlite3.h>
// SQLITE_TRANSIENT is a cast macro that Swift cannot import: SQLite copies the bound value at once.
static inline sqlite3_destructor_type fw_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
