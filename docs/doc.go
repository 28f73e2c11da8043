// Package docs holds rank's documentation; its tests check that every
// example rules file in rules.md is valid, and every example of json.md
// JSON of the documented shape.
package docs
