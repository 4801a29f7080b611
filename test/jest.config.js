/** The mini-program's tests alone: npx jest -c test/jest.config.js */
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, '..'),
  projects: require('./jest.projects'),
};
