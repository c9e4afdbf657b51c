// Package register turns the national register's feeds (FINESS+, read
// by package finessplus) into the sites authorised for interventional
// radiology: it keeps the active QA030 authorisations of the activities
// feed, joins each to its site in the structures feed (by egeId, the
// FINESS number as a fallback), takes the site's name, address,
// switchboard and position, and says what it left out and why. Build then
// makes them a directory whose offers are the procedures each site's
// mention covers, marked « autorisation »: what a site may do, never that
// it does it.
package register
