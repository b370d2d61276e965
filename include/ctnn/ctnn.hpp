// ctnn/ctnn.hpp — the umbrella header: everything a firmware or host build needs.
//
//   #include <ctnn/ctnn.hpp>
//   #include "my_model.hpp"          // written by `scripts/ctnn gen my_model.tflite`
//   static ctnn::network<my_model::model> net;
//   net.input().quantize_from(x); net.invoke(); auto y = net.output().argmax();
#pragma once

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/core/quant.hpp"
#include "ctnn/core/shape.hpp"
#include "ctnn/core/tensor.hpp"

#include "ctnn/ops/op.hpp"
#include "ctnn/ops/input.hpp"
#include "ctnn/ops/fully_connected.hpp"

#include "ctnn/graph/graph.hpp"
#include "ctnn/planner/planner.hpp"
#include "ctnn/planner/budget.hpp"
#include "ctnn/boards/boards.hpp"

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"

#include "ctnn/runtime/network.hpp"
