// Catch2 v3 header name, served by Catch2 v2 (see ctnn_catch2_v2_compat.hpp).
#pragma once
#include "../../ctnn_catch2_v2_compat.hpp"
