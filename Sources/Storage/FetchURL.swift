import Foundation
import SQLiteKit

extension SQLiteStore {
    public func fetchURL(feed url: String) throws(StoreError) -> String {
        try withDatabase { database in
            let statement = try database.prepare("SELECT fetch_url FROM feeds WHERE url = ?")
            try statement.bind([.text(url)])
            return try statement.step() ? (statement.text(0) ?? url) : url
        }
    }

    public func setFetchURL(feed url: String, to fetchURL: String) throws(StoreError) {
        try withDatabase { database in
            try database.prepare("UPDATE feeds SET fetch_url = ? WHERE url = ?").run([.text(fetchURL), .text(url)])
        }
    }
}
