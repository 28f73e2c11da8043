// Package docs holds rank's documentation; its tests check that every
// example rules file in rules.md is valid, that every example of json.md
// is JSON of the documented shape, and that domain.md agrees with the
// engine and holds every section the code cites.
package docs
