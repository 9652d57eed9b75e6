// @ts-check
// How a result link marks its code: a level page's address, then `#result=CODE` (quiz/codes.py
// reads the same mark). A module of its own so that the small entries on every page can share it.

export const RESULT_PREFIX = "#result=";
