// expect: client-per-request

const a = 1;
// expect: client-in-loop, client-never-closed
// a plain comment in between

const b = 2;
