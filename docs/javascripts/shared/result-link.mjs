// @ts-check
// How a result link marks its code: a level page's address, then `#result=CODE` (quiz/codes.py
// reads the same mark); and how a team link marks its list, `#team=…` (quiz/team_report.py).
// A module of its own so that the small entries on every page can share them.

export const RESULT_PREFIX = "#result=";
export const TEAM_PREFIX = "#team=";
