/* main.c - waittop's entry point (being built: see engine.h). */
#include "config.h"
#include <stdio.h>

int main(void)
{
	puts("waittop: under construction");
	return 0;
}
