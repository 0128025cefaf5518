// libedit's readline compatibility layer. Deliberately <editline/readline.h>: GNU readline's
// <readline/readline.h> is also installed on Debian and is not the library we link.
#include <stdio.h>
#include <editline/readline.h>
#include <histedit.h>
