'use strict';
// The stand-in's project: its ID unless the server is given another (options.projectId). It is
// what cohort uploads must name as app_id, and what exports, releases and streamed events carry.

const DEFAULT_PROJECT_ID = 187520;

module.exports = { DEFAULT_PROJECT_ID };
