// ctnn/ctnn.hpp — the umbrella header: everything a firmware or host build needs.
//
//   #include <ctnn/ctnn.hpp>
//   #include "my_model.hpp"          // written by `scripts/ctnn gen my_model.tflite`
//   static ctnn::network<my_model::model> net;
//   net.input().quantize_from(x); net.invoke(); auto y = net.output().argmax();
#pragma once

#include "ctnn/core/fixed_point.hpp"
#include "ctnn/core/fixed_point_math.hpp"
#include "ctnn/core/quant.hpp"
#include "ctnn/core/shape.hpp"
#include "ctnn/core/tensor.hpp"

#include "ctnn/ops/op.hpp"
#include "ctnn/ops/input.hpp"
#include "ctnn/ops/fully_connected.hpp"
#include "ctnn/ops/padding.hpp"
#include "ctnn/ops/conv2d.hpp"
#include "ctnn/ops/depthwise_conv2d.hpp"
#include "ctnn/ops/average_pool2d.hpp"
#include "ctnn/ops/max_pool2d.hpp"
#include "ctnn/ops/pad.hpp"
#include "ctnn/ops/mean.hpp"
#include "ctnn/ops/softmax.hpp"
#include "ctnn/ops/logistic.hpp"
#include "ctnn/ops/tanh.hpp"

#include "ctnn/graph/graph.hpp"
#include "ctnn/planner/planner.hpp"
#include "ctnn/planner/budget.hpp"
#include "ctnn/boards/boards.hpp"

#include "ctnn/kernels/isa.hpp"
#include "ctnn/kernels/scalar/fully_connected.hpp"
#include "ctnn/kernels/scalar/conv2d.hpp"
#include "ctnn/kernels/scalar/depthwise_conv2d.hpp"
#include "ctnn/kernels/scalar/average_pool2d.hpp"
#include "ctnn/kernels/scalar/max_pool2d.hpp"
#include "ctnn/kernels/scalar/pad.hpp"
#include "ctnn/kernels/scalar/mean.hpp"
#include "ctnn/kernels/scalar/softmax.hpp"
#include "ctnn/kernels/scalar/logistic.hpp"
#include "ctnn/kernels/scalar/tanh.hpp"

#include "ctnn/runtime/network.hpp"
