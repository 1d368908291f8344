/**
 * Engine-API style JWT authentication (HS256 over a 32-byte shared secret file) for the admin
 * endpoint: {@link io.opal.rpc.auth.JwtSecret} and {@link io.opal.rpc.auth.JwtAuthenticator}.
 */
package io.opal.rpc.auth;
