import CCHCCommandLine
import Foundation

