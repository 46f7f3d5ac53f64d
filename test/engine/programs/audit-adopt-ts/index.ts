// Empty: the engine test replaces it with the code aculab-audit prints to adopt the account's
// numbers, as a user pastes it into a program.
export {};
