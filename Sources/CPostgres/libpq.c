#include "CPostgres.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

// On a machine with libpq-dev, the declarations above are checked against libpq's own header: a
// pointer type that does not match a prototype stops the build. (Functions returning one of
// libpq's enums are declared with int, which C does not call compatible, and are not checked.)
#if __has_include(<postgresql/libpq-fe.h>)
#include <postgresql/libpq-fe.h>
#define TM_SAME_TYPE(field, function)                                                                   \
    _Static_assert(__builtin_types_compatible_p(__typeof__(((tidemark_libpq *)0)->field), __typeof__(&function)), \
                   #function " is not declared as in libpq-fe.h")
TM_SAME_TYPE(connectdbParams, PQconnectdbParams);
TM_SAME_TYPE(errorMessage, PQerrorMessage);
TM_SAME_TYPE(finish, PQfinish);
TM_SAME_TYPE(exec, PQexec);
TM_SAME_TYPE(execParams, PQexecParams);
TM_SAME_TYPE(resultErrorMessage, PQresultErrorMessage);
TM_SAME_TYPE(resultErrorField, PQresultErrorField);
TM_SAME_TYPE(ntuples, PQntuples);
TM_SAME_TYPE(nfields, PQnfields);
TM_SAME_TYPE(getvalue, PQgetvalue);
TM_SAME_TYPE(getlength, PQgetlength);
TM_SAME_TYPE(getisnull, PQgetisnull);
TM_SAME_TYPE(clear, PQclear);
TM_SAME_TYPE(putCopyData, PQputCopyData);
TM_SAME_TYPE(putCopyEnd, PQputCopyEnd);
TM_SAME_TYPE(getResult, PQgetResult);
TM_SAME_TYPE(serverVersion, PQserverVersion);
#endif

typedef void (*tm_notice_processor)(void *arg, const char *message);

static tidemark_libpq libpq;
static tm_notice_processor (*set_notice_processor)(PGconn *, tm_notice_processor, void *);
static int loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // libpq5's soname has not changed since PostgreSQL 8.x; its dependencies (libssl, GSSAPI, LDAP)
    // come with it from the system.
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) return;
    struct {
        void **slot;
        const char *name;
    } symbols[] = {
        {(void **)&libpq.connectdbParams, "PQconnectdbParams"},
        {(void **)&libpq.status, "PQstatus"},
        {(void **)&libpq.errorMessage, "PQerrorMessage"},
        {(void **)&libpq.finish, "PQfinish"},
        {(void **)&libpq.exec, "PQexec"},
        {(void **)&libpq.execParams, "PQexecParams"},
        {(void **)&libpq.resultStatus, "PQresultStatus"},
        {(void **)&libpq.resultErrorMessage, "PQresultErrorMessage"},
        {(void **)&libpq.resultErrorField, "PQresultErrorField"},
        {(void **)&libpq.ntuples, "PQntuples"},
        {(void **)&libpq.nfields, "PQnfields"},
        {(void **)&libpq.getvalue, "PQgetvalue"},
        {(void **)&libpq.getlength, "PQgetlength"},
        {(void **)&libpq.getisnull, "PQgetisnull"},
        {(void **)&libpq.clear, "PQclear"},
        {(void **)&libpq.putCopyData, "PQputCopyData"},
        {(void **)&libpq.putCopyEnd, "PQputCopyEnd"},
        {(void **)&libpq.getResult, "PQgetResult"},
        {(void **)&libpq.transactionStatus, "PQtransactionStatus"},
        {(void **)&libpq.serverVersion, "PQserverVersion"},
        {(void **)&set_notice_processor, "PQsetNoticeProcessor"},
    };
    for (size_t index = 0; index < sizeof symbols / sizeof symbols[0]; index++) {
        *symbols[index].slot = dlsym(library, symbols[index].name);
        if (*symbols[index].slot == NULL) return;
    }
    loaded = 1;
}

const tidemark_libpq *tidemark_libpq_load(void) {
    pthread_once(&once, load);
    return loaded ? &libpq : NULL;
}

static void drop_notice(void *arg, const char *message) {
    (void)arg;
    (void)message;
}

void tidemark_libpq_quiet(PGconn *conn) {
    if (loaded) set_notice_processor(conn, drop_notice, NULL);
}
