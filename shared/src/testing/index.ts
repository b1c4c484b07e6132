export { aHistory, aRating, aSurveyAnswer, aTicket, anAgent, at } from './builders.js';
export { historyArb, SPAN, START, windowArb } from './arbitraries.js';
