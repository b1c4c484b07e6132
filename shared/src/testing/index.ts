export { aHistory, aRating, aSurveyAnswer, aTicket, anAgent, at } from './builders.js';
