"""ctnn's Python tools: the .tflite -> C++ header generator, the verifier
against the TFLite interpreter and the conformance fixtures."""

__version__ = "0.1.0"
