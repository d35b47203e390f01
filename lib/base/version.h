/* base/version.h: the ipfsperf release every binary reports with -V. */
#ifndef VERSION_H
#define VERSION_H

#define IPFSPERF_VERSION "0.1.0"

#endif
