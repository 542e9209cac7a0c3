#include "CShims.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// libcurl is loaded at run time, so the binary runs without it and only `--history-from` with an
// http(s) URL needs it (libcurl4 on Debian and Ubuntu, present on CI runners). The values below are
// libcurl's stable ABI (curl/curl.h, unchanged since 7.x): options are numbered by type and index.
enum {
    TM_CURLOPT_WRITEDATA = 10001,
    TM_CURLOPT_URL = 10002,
    TM_CURLOPT_ERRORBUFFER = 10010,
    TM_CURLOPT_WRITEFUNCTION = 20011,
    TM_CURLOPT_TIMEOUT = 13,
    TM_CURLOPT_USERAGENT = 10018,
    TM_CURLOPT_FOLLOWLOCATION = 52,
    TM_CURLOPT_MAXREDIRS = 68,
    TM_CURLOPT_CONNECTTIMEOUT = 78,
    TM_CURLOPT_NOSIGNAL = 99,
    TM_CURLOPT_ACCEPT_ENCODING = 10102,
    TM_CURLOPT_PROTOCOLS = 181,
    TM_CURLOPT_REDIR_PROTOCOLS = 182,
    TM_CURLINFO_RESPONSE_CODE = 0x200002,
    TM_CURLPROTO_HTTP = 1,
    TM_CURLPROTO_HTTPS = 2,
    TM_CURLE_OK = 0,
    TM_CURLE_WRITE_ERROR = 23,
    TM_CURLE_OPERATION_TIMEDOUT = 28,
    TM_CURL_GLOBAL_ALL = 3,
    TM_CURL_ERROR_SIZE = 256,
};

typedef void CURL;
static struct {
    int (*global_init)(long);
    CURL *(*easy_init)(void);
    int (*easy_setopt)(CURL *, int, ...);
    int (*easy_perform)(CURL *);
    int (*easy_getinfo)(CURL *, int, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(int);
    int loaded;
} curl;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;

static void load_curl(void) {
    const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4", "libcurl.so"};
    void *library = NULL;
    for (size_t index = 0; index < sizeof names / sizeof names[0] && library == NULL; index++) {
        library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) return;
    *(void **)&curl.global_init = dlsym(library, "curl_global_init");
    *(void **)&curl.easy_init = dlsym(library, "curl_easy_init");
    *(void **)&curl.easy_setopt = dlsym(library, "curl_easy_setopt");
    *(void **)&curl.easy_perform = dlsym(library, "curl_easy_perform");
    *(void **)&curl.easy_getinfo = dlsym(library, "curl_easy_getinfo");
    *(void **)&curl.easy_cleanup = dlsym(library, "curl_easy_cleanup");
    *(void **)&curl.easy_strerror = dlsym(library, "curl_easy_strerror");
    if (curl.global_init && curl.easy_init && curl.easy_setopt && curl.easy_perform && curl.easy_getinfo
        && curl.easy_cleanup && curl.easy_strerror && curl.global_init(TM_CURL_GLOBAL_ALL) == TM_CURLE_OK) {
        curl.loaded = 1;
    }
}

static size_t collect(char *data, size_t size, size_t count, void *context) {
    tidemark_http_body *body = context;
    size_t length = size * count;
    if (length > body->limit - body->length) {
        body->overflowed = 1;
        return 0;
    }
    if (body->length + length > body->capacity) {
        size_t capacity = body->capacity ? body->capacity : 65536;
        while (capacity < body->length + length) capacity *= 2;
        unsigned char *grown = realloc(body->data, capacity);
        if (grown == NULL) return 0;
        body->data = grown;
        body->capacity = capacity;
    }
    memcpy(body->data + body->length, data, length);
    body->length += length;
    return length;
}

tidemark_http_result tidemark_http_get(
    const char *url, long timeout_seconds, tidemark_http_body *body, long *status, char *error, size_t error_size) {
    pthread_once(&curl_once, load_curl);
    if (!curl.loaded) {
        snprintf(error, error_size, "libcurl is not installed (apt-get install libcurl4), so http(s) sources cannot be read");
        return TIDEMARK_HTTP_NO_LIBRARY;
    }
    CURL *handle = curl.easy_init();
    if (handle == NULL) {
        snprintf(error, error_size, "libcurl could not start a transfer");
        return TIDEMARK_HTTP_FAILED;
    }
    char message[TM_CURL_ERROR_SIZE] = {0};
    curl.easy_setopt(handle, TM_CURLOPT_URL, url);
    curl.easy_setopt(handle, TM_CURLOPT_PROTOCOLS, (long)(TM_CURLPROTO_HTTP | TM_CURLPROTO_HTTPS));
    curl.easy_setopt(handle, TM_CURLOPT_REDIR_PROTOCOLS, (long)(TM_CURLPROTO_HTTP | TM_CURLPROTO_HTTPS));
    curl.easy_setopt(handle, TM_CURLOPT_FOLLOWLOCATION, 1L);
    curl.easy_setopt(handle, TM_CURLOPT_MAXREDIRS, 10L);
    curl.easy_setopt(handle, TM_CURLOPT_TIMEOUT, timeout_seconds);
    curl.easy_setopt(handle, TM_CURLOPT_CONNECTTIMEOUT, timeout_seconds);
    curl.easy_setopt(handle, TM_CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(handle, TM_CURLOPT_USERAGENT, "tidemark");
    // A server that compresses its responses on the wire: libcurl undoes that, the .gz stays.
    curl.easy_setopt(handle, TM_CURLOPT_ACCEPT_ENCODING, "");
    curl.easy_setopt(handle, TM_CURLOPT_ERRORBUFFER, message);
    curl.easy_setopt(handle, TM_CURLOPT_WRITEFUNCTION, collect);
    curl.easy_setopt(handle, TM_CURLOPT_WRITEDATA, body);
    int code = curl.easy_perform(handle);
    tidemark_http_result result = TIDEMARK_HTTP_DONE;
    if (code == TM_CURLE_OK) {
        curl.easy_getinfo(handle, TM_CURLINFO_RESPONSE_CODE, status);
    } else if (code == TM_CURLE_WRITE_ERROR && body->overflowed) {
        snprintf(error, error_size, "the response is larger than %zu bytes", body->limit);
        result = TIDEMARK_HTTP_FAILED;
    } else {
        snprintf(error, error_size, "%s", message[0] ? message : curl.easy_strerror(code));
        result = code == TM_CURLE_OPERATION_TIMEDOUT ? TIDEMARK_HTTP_TIMEOUT : TIDEMARK_HTTP_FAILED;
    }
    curl.easy_cleanup(handle);
    return result;
}

void tidemark_http_body_free(tidemark_http_body *body) {
    free(body->data);
    body->data = NULL;
    body->length = body->capacity = 0;
}
