#ifndef FEEDWATCH_CUCHARDET_SHIM_H
#define FEEDWATCH_CUCHARDET_SHIM_H
#include <uchardet.h>
#endif
