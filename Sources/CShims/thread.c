#define _GNU_SOURCE
#include "CShims.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

/// What the new thread needs: its work, and the CPUs it may use once it runs.
typedef struct {
    void (*body)(void *);
    void *context;
#if defined(__linux__)
    cpu_set_t allowed;
    int widen;
#endif
} tidemark_thread_start;

static void *tidemark_thread_main(void *argument) {
    tidemark_thread_start start = *(tidemark_thread_start *)argument;
    free(argument);
#if defined(__linux__)
    // Running on another CPU now: free to move from here on, as any thread.
    if (start.widen) pthread_setaffinity_np(pthread_self(), sizeof start.allowed, &start.allowed);
#endif
    start.body(start.context);
    return NULL;
}

int tidemark_start_thread_elsewhere(void (*body)(void *), void *context) {
    tidemark_thread_start *start = malloc(sizeof *start);
    if (start == NULL) return ENOMEM;
    start->body = body;
    start->context = context;
    pthread_attr_t attributes;
    int failed = pthread_attr_init(&attributes);
    if (failed != 0) {
        free(start);
        return failed;
    }
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
#if defined(__linux__)
    start->widen = 0;
    int here = sched_getcpu();
    if (here >= 0 && sched_getaffinity(0, sizeof start->allowed, &start->allowed) == 0
        && CPU_ISSET(here, &start->allowed) && CPU_COUNT(&start->allowed) > 1) {
        cpu_set_t elsewhere = start->allowed;
        CPU_CLR(here, &elsewhere);
        if (pthread_attr_setaffinity_np(&attributes, sizeof elsewhere, &elsewhere) == 0) start->widen = 1;
    }
#endif
    pthread_t thread;
    failed = pthread_create(&thread, &attributes, tidemark_thread_main, start);
    pthread_attr_destroy(&attributes);
    if (failed != 0) free(start);
    return failed;
}
