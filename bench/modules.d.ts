// The benchmark's load generator and peer ship no types of their own; the bench uses
// only their call shapes it documents where it calls them.
declare module 'autocannon'
declare module 'json-server'
