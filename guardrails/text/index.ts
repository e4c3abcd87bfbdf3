// Text helpers shared by every caller that reads consumer or draft words.
export { foldAccents } from './fold.js';
