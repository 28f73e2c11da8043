// Package docs holds rank's documentation; its test checks that every
// example rules file in rules.md is valid.
package docs
