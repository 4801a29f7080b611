// Babel for the mini-program (Taro's preset) — used by the Taro build and by the app's jest projects
// (under NODE_ENV=test the preset targets node / CommonJS).
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
