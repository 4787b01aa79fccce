#pragma once

namespace ts::app {
// The command line of PRODUCT.md. Exit codes: 0 success, 1 data or runtime error, 2 usage error.
int run_cli(int argc, char** argv);
}  // namespace ts::app
