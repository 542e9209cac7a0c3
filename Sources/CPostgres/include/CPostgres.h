#ifndef TIDEMARK_CPOSTGRES_H
#define TIDEMARK_CPOSTGRES_H

// The few libpq functions the PostgreSQL history uses, as declared in libpq-fe.h (PostgreSQL 10 and
// later; libpq5's ABI). libpq is loaded at run time (dlopen), so the release binary needs it only
// when a history is a postgresql:// URL, and builds without libpq-dev.

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

#define TM_NN _Nonnull
#define TM_NULL _Nullable

/// libpq's functions, resolved from libpq.so.5.
typedef struct {
    PGconn *TM_NULL (*TM_NN connectdbParams)(const char *TM_NULL const *TM_NN keywords,
                                             const char *TM_NULL const *TM_NN values, int expand_dbname);
    /// ConnStatusType: 0 is CONNECTION_OK.
    int (*TM_NN status)(const PGconn *TM_NN conn);
    char *TM_NN (*TM_NN errorMessage)(const PGconn *TM_NN conn);
    void (*TM_NN finish)(PGconn *TM_NN conn);
    PGresult *TM_NULL (*TM_NN exec)(PGconn *TM_NN conn, const char *TM_NN query);
    PGresult *TM_NULL (*TM_NN execParams)(PGconn *TM_NN conn, const char *TM_NN command, int nParams,
                                          const unsigned int *TM_NULL paramTypes,
                                          const char *TM_NULL const *TM_NULL paramValues,
                                          const int *TM_NULL paramLengths, const int *TM_NULL paramFormats,
                                          int resultFormat);
    /// ExecStatusType: 1 PGRES_COMMAND_OK, 2 PGRES_TUPLES_OK, 4 PGRES_COPY_IN, 7 PGRES_FATAL_ERROR.
    int (*TM_NN resultStatus)(const PGresult *TM_NN res);
    char *TM_NN (*TM_NN resultErrorMessage)(const PGresult *TM_NN res);
    char *TM_NULL (*TM_NN resultErrorField)(const PGresult *TM_NN res, int fieldcode);
    int (*TM_NN ntuples)(const PGresult *TM_NN res);
    int (*TM_NN nfields)(const PGresult *TM_NN res);
    char *TM_NN (*TM_NN getvalue)(const PGresult *TM_NN res, int tup_num, int field_num);
    int (*TM_NN getlength)(const PGresult *TM_NN res, int tup_num, int field_num);
    int (*TM_NN getisnull)(const PGresult *TM_NN res, int tup_num, int field_num);
    void (*TM_NN clear)(PGresult *TM_NN res);
    int (*TM_NN putCopyData)(PGconn *TM_NN conn, const char *TM_NN buffer, int nbytes);
    int (*TM_NN putCopyEnd)(PGconn *TM_NN conn, const char *TM_NULL errormsg);
    PGresult *TM_NULL (*TM_NN getResult)(PGconn *TM_NN conn);
    /// PGTransactionStatusType: 0 idle, 2 in a transaction, 3 in a failed transaction, 4 unknown (connection bad).
    int (*TM_NN transactionStatus)(const PGconn *TM_NN conn);
    int (*TM_NN serverVersion)(const PGconn *TM_NN conn);
} tidemark_libpq;

/// libpq's functions, loaded on first use (thread-safe); NULL when libpq.so.5 is not installed or
/// lacks one of them.
const tidemark_libpq *TM_NULL tidemark_libpq_load(void);

/// Drops the server's notices (such as "relation already exists, skipping") instead of letting
/// libpq print them on stderr.
void tidemark_libpq_quiet(PGconn *TM_NN conn);

#undef TM_NN
#undef TM_NULL

#endif
