/** End-to-end tests of Opal against real peers written by others. */
package io.opal.acceptance;
