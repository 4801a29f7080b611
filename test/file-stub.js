// Image imports in component tests: a stable fake URL.
module.exports = 'test-file-stub.png';
