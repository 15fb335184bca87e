// Jest's node environment, except that Float32Array is the host's: onnxruntime-node creates its output tensors'
// arrays outside Jest's sandbox, and onnxruntime-common checks them with `instanceof Float32Array` inside it, which
// fails across realms ("A float32 tensor's data must be type of function Float32Array()"). Sharing the constructor
// keeps both sides on one realm; nothing else changes.
const { TestEnvironment } = require('jest-environment-node');

class NodeEnvironmentWithHostFloat32Array extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.Float32Array = Float32Array;
  }
}

module.exports = NodeEnvironmentWithHostFloat32Array;
