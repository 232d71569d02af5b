// The regular-expression engine of the search tool (RE2, linear time), in a file of its own (dist/regexEngine.js):
// it is as large as the other libraries together and only a regex search needs it. Reach it through `regexEngine()`.
export { RE2JS } from 're2js';
